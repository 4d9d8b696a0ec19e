using System.Linq;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit.Layers;

/// <summary>An element-wise sum a{l} = Σ_s a(s): no parameters and no activation; in the backward pass its ∂C/∂a passes
/// unchanged to every source (∂a{l}_k/∂a(s)_k = 1).</summary>
internal static class AddLayerEmitter
{
    public static void EmitForward(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        w.Doc(f.IsLanes
            ? $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), forward, for Vector&lt;{f.Plan.T}&gt;.Count examples at once (one per SIMD lane): the same sums as {layer.ForwardMethod}.</summary>"
            : $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), forward: the element-wise sum a{l} = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol))}.</summary>");
        using (w.Block($"private void {layer.ForwardMethod}{f.Suffix}({LayerEmitter.ForwardParameters(f, layer)})"))
        {
            w.Line($"// a{l}_j = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol + "_j"))}: an element-wise sum, no weights and no activation.");
            using (w.Block($"for (int j = 0; j < {layer.Size}; j++)"))
                w.Line($"a{l}[j] = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol + "[j]"))};");
        }
        w.Line();
    }

    public static void EmitBackward(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        string hands = string.Join(", ", layer.Sources.Where(s => s.Node is LayerPlan).Select(s => s.Node.Symbol));
        w.Doc(f.IsLanes
            ? $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), backward, for Vector&lt;{f.Plan.T}&gt;.Count examples at once (one per SIMD lane): the same sums as {layer.BackwardMethod}.</summary>"
            : $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), backward: ∂C/∂a{l} summed over its paths to the cost, handed on unchanged to {hands} (∂a{l}/∂{layer.Sources[0].Node.Symbol} = 1).</summary>");
        using (w.Block($"private void {layer.BackwardMethod}{f.Suffix}({LayerEmitter.BackwardParameters(f, layer)})"))
        {
            if (layer.BackwardUnrolled)
            {
                string[] sensitivity = SensitivityEmitter.EmitUnrolled(w, f, layer);
                w.Line();
                w.Line($"// a{l} = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol))}, so ∂a{l}_k/∂(each source)_k = 1: the sources receive ∂C/∂a{l} unchanged.");
                for (int k = 0; k < layer.Size; k++) w.Line($"dC_dz{l}[{k}] = {sensitivity[k]};");
            }
            else
            {
                string sensitivity = SensitivityEmitter.EmitLoop(w, f, layer, $"dC_dz{l}");
                w.Line($"// a{l} = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol))}, so ∂a{l}_k/∂(each source)_k = 1: the sources receive ∂C/∂a{l} unchanged.");
                if (sensitivity != $"dC_dz{l}") w.Line($"{sensitivity}.Slice(0, {layer.Size}).CopyTo(dC_dz{l});");
            }
        }
        w.Line();
    }
}
