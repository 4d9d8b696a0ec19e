using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// Writes the per-layer methods (ForwardLayer{l}, the outputs' cost methods, BackwardLayer{l}, last layer first) in one
/// numeric form, and the calls of them. Each method takes the spans it reads and writes, named after the nodes, so a
/// reader sees a{l-1} → z{l}, a{l} in the signature itself.
/// </summary>
internal static class LayerEmitter
{
    public static void EmitLayerMethods(SourceWriter w, NumericForm f)
    {
        NetworkPlan plan = f.Plan;
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.IsDense) DenseForwardEmitter.Emit(w, f, layer);
            else if (layer.IsConv) ConvEmitter.EmitForward(w, f, layer);
            else if (layer.IsImageKind) PoolEmitter.EmitForward(w, f, layer);
            else AddLayerEmitter.EmitForward(w, f, layer);
        }
        foreach (OutputPlan output in plan.Outputs) output.Loss.EmitCostMethod(w, f, output);
        for (int l = plan.Layers.Count - 1; l >= 0; l--)
        {
            LayerPlan layer = plan.Layers[l];
            if (!layer.HasBackward) continue;
            if (layer.IsDense) DenseBackwardEmitter.Emit(w, f, layer);
            else if (layer.IsConv) ConvEmitter.EmitBackward(w, f, layer);
            else if (layer.IsImageKind) PoolEmitter.EmitBackward(w, f, layer);
            else AddLayerEmitter.EmitBackward(w, f, layer);
        }
    }

    /// <summary>The nodes a layer reads, each once (a layer may read the same node at two columns).</summary>
    public static IEnumerable<NodePlan> SourceNodes(LayerPlan layer) => layer.Sources.Select(s => s.Node).Distinct();

    /// <summary>The distinct layers that read <paramref name="layer"/> (a layer may read it twice, at two columns).</summary>
    public static IEnumerable<LayerPlan> ReaderLayers(LayerPlan layer) => layer.Readers.Select(r => r.Layer).Distinct();

    /// <summary>The parameter list of a layer's forward method: its sources (read-only), then z (dense only) and a.</summary>
    public static string ForwardParameters(NumericForm f, LayerPlan layer) =>
        string.Join(", ", SourceNodes(layer).Select(node => $"{f.ReadOnlySpan} {node.Symbol}")
            .Concat(layer.HasZ ? new[] { $"{f.Span} z{layer.Number}" } : System.Array.Empty<string>())
            .Append($"{f.Span} a{layer.Number}"));

    /// <summary>The call of a layer's forward method, with the spans named after their nodes.</summary>
    public static string ForwardCall(NumericForm f, LayerPlan layer, string output) =>
        $"{layer.ForwardMethod}{f.Suffix}(" + string.Join(", ", SourceNodes(layer).Select(node => node.Symbol)
            .Concat(layer.HasZ ? new[] { $"z{layer.Number}" } : System.Array.Empty<string>())
            .Append(output)) + ")";

    public static string BackwardParameters(NumericForm f, LayerPlan layer) =>
        string.Join(", ", BackwardArguments(layer).Select(a => $"{(a.Writable ? f.Span : f.ReadOnlySpan)} {a.Name}"));

    public static string BackwardCall(NumericForm f, LayerPlan layer) =>
        $"{layer.BackwardMethod}{f.Suffix}({string.Join(", ", BackwardArguments(layer).Select(a => a.Name))})";

    /// <summary>What a layer's backward method reads and writes: its sources' activations, z and a (layers with parameters;
    /// a pool reads its source only), the cost's sensitivity (outputs), each gathered reader's ∂C/∂z and the span scattered
    /// into by image readers (the paths), then what it writes: the gradient, the sum of ∂C/∂a (loop form), its own ∂C/∂z
    /// for its sources, or, for a convolution or pool, its sources' scatter spans.</summary>
    private static IEnumerable<(string Name, bool Writable)> BackwardArguments(LayerPlan layer)
    {
        int l = layer.Number;
        if (layer.HasParameters || layer.IsImageKind)
            foreach (NodePlan node in SourceNodes(layer)) yield return (node.Symbol, false);
        if (layer.HasZ)
        {
            yield return ($"z{l}", false);
            yield return ($"a{l}", false);
        }
        if (layer.Output is not null) yield return (layer.CostSpan, false);
        foreach (LayerPlan reader in layer.GatheredReaders.Select(r => r.Layer).Distinct()) yield return ($"dC_dz{reader.Number}", false);
        if (layer.ScatterSpan is string scatter) yield return (scatter, false);
        if (layer.HasParameters) yield return ("gradient", true);
        if (layer.NeedsSensitivitySum) yield return ($"dC_da{l}", true);
        if (layer.WritesDz) yield return ($"dC_dz{l}", true);
        if (layer.IsImageKind)
            foreach (LayerPlan source in SourceNodes(layer).OfType<LayerPlan>()) yield return (source.ScatterSpan!, true);
    }
}
