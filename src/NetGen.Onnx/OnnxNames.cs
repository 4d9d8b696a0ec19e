using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// The names of one namespace of an ONNX graph (its values, or its nodes), each given out once. A name is asked for in
/// the form it should have; it is given as asked while that string is free, and otherwise with the first free suffix
/// <c>_1</c>, <c>_2</c>, ... So whatever strings a user chose for inputs and layers — any characters, and names that
/// look like the exporter's own (<c>h1/z</c>, <c>h1.weight</c>) — no two values or nodes can ever share a name.
/// </summary>
/// <remarks>
/// The exporter asks in order of how much a name matters to a reader of the model: graph inputs and outputs first
/// (callers bind them by name, so they keep the spec's names exactly), then initializers (PyTorch's state-dict names),
/// then hidden layers' values (the layer's name), then intermediate values (<c>{layer}/concat</c>, <c>{layer}/z</c>,
/// <c>{layer}/sum1</c>), which are the ones renamed if anything collides.
/// </remarks>
internal sealed class OnnxNames
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal) { "" };   // "" is ONNX's "no value"

    /// <summary>Returns <paramref name="wanted"/> if it is still free, else <c>{wanted}_{n}</c> for the smallest free n; the result is taken.</summary>
    public string Take(string wanted)
    {
        if (_taken.Add(wanted)) return wanted;
        for (int n = 1; ; n++)
        {
            string candidate = wanted + "_" + n.ToString(CultureInfo.InvariantCulture);
            if (_taken.Add(candidate)) return candidate;
        }
    }

    /// <summary>Takes <paramref name="name"/> exactly; false (and nothing taken) if it is already taken.</summary>
    public bool TryTakeExactly(string name) => _taken.Add(name);
}
