using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Validation;

/// <summary>Stage 2: checks the parsed model for errors of the network itself (sizes, where Softmax may stand, which loss fits).
/// A model with any error is not emitted: the user sees the diagnostics instead of code that would not compile.</summary>
internal static class Validator
{
    /// <summary>
    /// The most weights and biases a network may have (NG0014). The generated code holds them in one array indexed by
    /// int, and 10⁸ of them is already 400 MB as float (800 MB as double) before the gradient buffers of training. The
    /// count is checked before anything is emitted: computed in int, 65536 × 65536 weights wrapped to 0, and the emitter
    /// then tried to write every one of them out as a line of code.
    /// </summary>
    public const long MaxParameterCount = 100_000_000;

    public static ParseResult Validate(ParseResult parsed, System.Threading.CancellationToken cancellationToken)
    {
        NetworkModel? model = parsed.Model;
        if (model is null) return parsed;
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        string name = model.ClassName;

        if (model.Layers.Count == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, model.Location, name));

        var outputs = new HashSet<string>(model.Outputs.Select(o => o.Source));
        for (int l = 0; l < model.Layers.Count; l++)
        {
            LayerModel layer = model.Layers[l];
            if (layer.Size <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerSize, layer.Location, l + 1, name, layer.Size));
            if (layer.Activation == ActivationKind.Softmax && !outputs.Contains(layer.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, layer.Location, l + 1, name));
        }

        CheckSize(model, diagnostics);

        foreach (OutputModel output in model.Outputs)
        {
            LayerModel? layer = model.Layers.FirstOrDefault(x => x.Name == output.Source);
            if (layer is not null && output.Loss == LossKind.CrossEntropy && layer.Activation != ActivationKind.Softmax)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyWithoutSoftmax, model.Location, name, layer.Activation));
        }

        return new ParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// NG0014: more parameters than <see cref="MaxParameterCount"/>. Reported at the largest layer when that layer alone is
    /// too large (it is the one to change), otherwise at the [Network] attribute. Counted in decimal, which no product or
    /// sum of int sizes overflows; non-positive sizes count as zero (they are NG0003 and NG0004).
    /// </summary>
    private static void CheckSize(NetworkModel model, List<DiagnosticInfo> diagnostics)
    {
        // A layer reads the concatenation of its sources: inputs or earlier layers.
        var sizes = new Dictionary<string, decimal>();
        foreach (InputModel input in model.Inputs) sizes[input.Name] = System.Math.Max(0, input.Size);
        decimal total = 0, largest = -1;
        int largestIndex = -1;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            LayerModel layer = model.Layers[l];
            decimal size = System.Math.Max(0, layer.Size);
            decimal fanIn = layer.Sources.Sum(s => sizes.TryGetValue(s, out decimal n) ? n : 0);
            decimal parameters = size * fanIn + size;
            total += parameters;
            if (parameters > largest) (largest, largestIndex) = (parameters, l);
            sizes[layer.Name] = size;
        }
        if (total <= MaxParameterCount) return;
        LocationInfo? location = largest > MaxParameterCount ? model.Layers[largestIndex].Location : model.Location;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, location,
            model.ClassName, Count(total), Count(MaxParameterCount), largestIndex + 1, Count(largest)));
    }

    private static string Count(decimal value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
