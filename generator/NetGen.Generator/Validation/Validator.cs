using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Validation;

/// <summary>Stage 2: checks the parsed model for errors of the network itself (sizes, where Softmax may stand, which loss fits).
/// A model with any error is not emitted: the user sees the diagnostics instead of code that would not compile.</summary>
internal static class Validator
{
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

        foreach (OutputModel output in model.Outputs)
        {
            LayerModel? layer = model.Layers.FirstOrDefault(x => x.Name == output.Source);
            if (layer is not null && output.Loss == LossKind.CrossEntropy && layer.Activation != ActivationKind.Softmax)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyWithoutSoftmax, model.Location, name, layer.Activation));
        }

        return new ParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
    }
}
