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

        // [Add] layers have no parameters: a network of sums only has nothing to learn (and the emitter needs a dense layer).
        if (!model.Layers.Any(l => l.Kind == LayerKindModel.Dense))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, model.Location, name));

        model = ResolveGraph(model, diagnostics);

        var outputs = new HashSet<string>(model.Outputs.Select(o => o.Source));
        var read = new HashSet<string>(model.Layers.SelectMany(l => l.Sources));
        for (int l = 0; l < model.Layers.Count; l++)
        {
            LayerModel layer = model.Layers[l];
            if (layer.Kind == LayerKindModel.Dense && layer.Size <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerSize, layer.Location, l + 1, name, layer.Size));
            if (layer.Activation == ActivationKind.Softmax && (!outputs.Contains(layer.Name) || read.Contains(layer.Name)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, layer.Location, l + 1, name));
        }

        CheckSize(model, diagnostics);

        foreach (OutputModel output in model.Outputs)
        {
            LayerModel? layer = model.Layers.FirstOrDefault(x => x.Name == output.Source);
            if (output.Loss is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputWithoutLoss, output.Location, output.Source, name));
            if (!(output.Weight > 0) || double.IsInfinity(output.Weight))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOutputWeight, output.Location, output.Source, name, output.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            if (layer is not null && output.Loss == LossKind.CrossEntropy && layer.Activation != ActivationKind.Softmax)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyWithoutSoftmax, output.Location ?? model.Location, name, layer.Activation));
        }

        bool hasError = diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return new ParseResult(hasError ? null : model, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Resolves every name of the graph: unique names (NG0022), sources that are inputs or earlier layers (NG0017,
    /// NG0018), additions of equal sizes (NG0019, and the sum's size is its sources' size), outputs that name a layer
    /// (NG0017) once each (NG0025), and layers that reach no output (NG0020, a warning: the network still compiles).
    /// Reachability is checked only once every name resolves: behind a misspelt output or source, every layer upstream
    /// would be warned about too, warnings that only repeat the error and go away with it.
    /// </summary>
    private static NetworkModel ResolveGraph(NetworkModel model, List<DiagnosticInfo> diagnostics)
    {
        string name = model.ClassName;
        var sizes = new Dictionary<string, int>(System.StringComparer.Ordinal);
        var declared = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (InputModel input in model.Inputs)
        {
            if (!declared.Add(input.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, input.Location, input.Name, name));
            sizes[input.Name] = input.Size;
        }
        var allNames = new HashSet<string>(model.Inputs.Select(i => i.Name).Concat(model.Layers.Select(l => l.Name)), System.StringComparer.Ordinal);

        var layers = new List<LayerModel>();
        bool unresolved = false;
        foreach (LayerModel layer in model.Layers)
        {
            if (!declared.Add(layer.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, layer.Location, layer.Name, name));
            if (layer.Sources.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSource, layer.Location, layer.Name, name, "(no source)"));
                unresolved = true;
            }
            int size = layer.Size;
            string? first = null;
            foreach (string source in layer.Sources)
            {
                if (!sizes.TryGetValue(source, out int sourceSize))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        allNames.Contains(source) ? DiagnosticDescriptors.ForwardReference : DiagnosticDescriptors.UnknownSource,
                        layer.Location, layer.Name, name, source));
                    unresolved = true;
                    continue;
                }
                if (layer.Kind != LayerKindModel.Add) continue;
                if (first is null) (first, size) = (source, sourceSize);
                else if (sourceSize != size)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AddSizeMismatch, layer.Location, layer.Name, name, source, sourceSize, first, size));
            }
            LayerModel resolved = layer.Kind == LayerKindModel.Add ? layer with { Size = size } : layer;
            layers.Add(resolved);
            sizes[layer.Name] = resolved.Size;
        }

        var layerNames = new HashSet<string>(layers.Select(l => l.Name), System.StringComparer.Ordinal);
        var outputNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (OutputModel output in model.Outputs)
        {
            if (!layerNames.Contains(output.Source))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSource, output.Location, "[Output]", name, output.Source));
                unresolved = true;
            }
            // A layer has one target span and one sensitivity from its cost; two [Output]s of it would need two.
            else if (!outputNames.Add(output.Source))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateOutput, output.Location, output.Source, name));
        }
        if (unresolved) return model with { Layers = layers.ToEquatableArray() };

        // Walk back from the outputs through the sources; what is never reached does not change the cost.
        var reaches = new HashSet<string>(model.Outputs.Select(o => o.Source), System.StringComparer.Ordinal);
        for (int l = layers.Count - 1; l >= 0; l--)
            if (reaches.Contains(layers[l].Name))
                foreach (string source in layers[l].Sources) reaches.Add(source);
        foreach (LayerModel layer in layers)
            if (!reaches.Contains(layer.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreachableLayer, layer.Location, layer.Name, name));

        return model with { Layers = layers.ToEquatableArray() };
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
            decimal parameters = layer.Kind == LayerKindModel.Dense ? size * fanIn + size : 0;
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
