using System.Linq;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// A dense layer's forward method: z{l}_j = Σ_k w{l}[j,k]·x_k + b{l}[j], then a{l} = σ(z{l}) — straight-line with a named
/// local per weight for small layers, loops with constant bounds over SIMD kernels for wide ones.
/// </summary>
internal static class DenseForwardEmitter
{
    public static void Emit(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        string reads = string.Join(" ‖ ", layer.Sources.Select(s => s.Node.Symbol));
        w.Doc(f.IsLanes
            ? $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), forward, for Vector&lt;{f.Plan.T}&gt;.Count examples at once (one per SIMD lane): the same products as {layer.ForwardMethod}.</summary>"
            : $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), forward: z{l} = w{l}·{(layer.Sources.Count == 1 ? reads : "(" + reads + ")")} + b{l}, then a{l} = {layer.Activation.Describe("z" + l)}.</summary>");
        using (w.Block($"private void {layer.ForwardMethod}{f.Suffix}({LayerEmitter.ForwardParameters(f, layer)})"))
        {
            if (layer.Unrolled) EmitUnrolled(w, f, layer);
            else if (f.IsLanes) EmitLanesLoop(w, f, layer);
            else EmitLoop(w, f, layer);
        }
        w.Line();
    }

    private static void EmitUnrolled(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        string T = f.Type;
        int l = layer.Number;
        EmitParameterLocals(w, f, layer);
        EmitInputLocals(w, f, layer);
        w.Line();
        for (int j = 0; j < layer.Size; j++)
        {
            string sum = string.Join(" + ", Enumerable.Range(0, layer.FanIn).Select(k => $"{WeightRef(f, layer, j, k)} * {layer.X(k)}"));
            w.Line($"// Neuron {l}_{j}: z{l}_{j} = Σ_k w{l}[{j},k]·{layer.XName}_k + b{l}[{j}]");
            w.Line($"{T} {layer.Z(j)} = {sum} + {BiasRef(f, layer, j)};");
            w.Line($"z{l}[{j}] = {layer.Z(j)};");
            if (layer.Activation.IsElementWise)
                w.Line($"a{l}[{j}] = {layer.Activation.Apply(f, layer.Z(j))};{(f.IsLanes ? "" : layer.Activation.LineComment(layer.Z(j)))}");
        }
        if (!layer.Activation.IsElementWise) SoftmaxEmitter.EmitForwardUnrolled(w, f, layer);
    }

    private static void EmitLoop(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        NetworkPlan plan = f.Plan;
        string T = plan.T;
        int l = layer.Number, fanIn = layer.FanIn;
        long weights = (long)layer.Size * fanIn;
        w.Line($"// w{l} is {layer.Size}×{fanIn}, row-major at Parameters[{layer.WeightOffset}..{layer.BiasOffset}); b{l} at Parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Size}).");
        w.Line($"{plan.ReadOnlySpan} w{l} = new {plan.ReadOnlySpan}({GeneratedMembers.ParameterArray}, {layer.WeightOffset}, {weights});");
        w.Line($"{plan.ReadOnlySpan} b{l} = new {plan.ReadOnlySpan}({GeneratedMembers.ParameterArray}, {layer.BiasOffset}, {layer.Size});");
        using (w.Block($"for (int j = 0; j < {layer.Size}; j++)"))
        {
            string reads = layer.Sources.Count == 1 ? layer.Sources[0].Node.Symbol : "(" + string.Join(" ‖ ", layer.Sources.Select(s => s.Node.Symbol)) + ")";
            w.Line($"// z{l}_j = Σ_k w{l}[j,k]·{layer.XName}_k + b{l}[j]: row j of w{l} dotted with {reads}, {fanIn} products in SIMD lanes.");
            string dots = string.Join(" + ", layer.Sources.Select(s =>
                $"global::NetGen.Kernels.Dot(w{l}.Slice(j * {fanIn}{(s.Column == 0 ? "" : " + " + s.Column)}, {s.Node.Size}), {s.Node.Symbol}.Slice(0, {s.Node.Size}))"));
            w.Line($"{T} z = {dots} + b{l}[j];");
            w.Line($"z{l}[j] = z;");
            if (layer.Activation.IsElementWise)
                w.Line($"a{l}[j] = {layer.Activation.Apply(f, "z")};{layer.Activation.LineComment("z")}");
        }
        if (!layer.Activation.IsElementWise) SoftmaxEmitter.EmitForwardLoop(w, f, layer);
    }

    /// <summary>The lane form of a layer too wide to write out: loops with constant bounds, each weight broadcast to every lane.</summary>
    private static void EmitLanesLoop(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        string V = f.Type;
        int l = layer.Number, size = layer.Size, fanIn = layer.FanIn;
        w.Line($"{f.Plan.ReadOnlySpan} w = new {f.Plan.ReadOnlySpan}({GeneratedMembers.ParameterArray}, {layer.WeightOffset}, {(long)size * fanIn});");
        w.Line($"{f.Plan.ReadOnlySpan} b = new {f.Plan.ReadOnlySpan}({GeneratedMembers.ParameterArray}, {layer.BiasOffset}, {size});");
        using (w.Block($"for (int j = 0; j < {size}; j++)"))
        {
            w.Line($"{f.Plan.ReadOnlySpan} row = w.Slice(j * {fanIn}, {fanIn});");
            w.Line($"{V} z = new {V}(b[j]);");
            foreach (SourcePlan source in layer.Sources)
            {
                using (w.Block($"for (int k = 0; k < {source.Node.Size}; k++)"))
                    w.Line($"z += new {V}(row[{(source.Column == 0 ? "" : source.Column + " + ")}k]) * {source.Node.Symbol}[k];");
            }
            w.Line($"z{l}[j] = z;");
            if (layer.Activation.IsElementWise)
                w.Line($"a{l}[j] = {layer.Activation.Apply(f, "z")};");
        }
        if (!layer.Activation.IsElementWise) SoftmaxEmitter.EmitForwardLoop(w, f, layer);
    }

    /// <summary>A weight in an expression: its named local in the scalar form, a broadcast read in the lane form.</summary>
    public static string WeightRef(NumericForm f, LayerPlan layer, int j, int k) =>
        f.IsLanes ? f.Parameter(layer.WeightOffset + (long)j * layer.FanIn + k) : layer.W(j, k);

    private static string BiasRef(NumericForm f, LayerPlan layer, int j) =>
        f.IsLanes ? f.Parameter(layer.BiasOffset + j) : layer.B(j);

    /// <summary>Declares one named local per weight (w{l}_j_k) and bias (b{l}_j), read from the parameter vector.
    /// The lane form reads them where they are used instead (a broadcast each), so only the span is declared.</summary>
    private static void EmitParameterLocals(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        NetworkPlan plan = f.Plan;
        string T = plan.T;
        int l = layer.Number;
        w.Line($"{plan.ReadOnlySpan} p = {GeneratedMembers.ParameterArray};");
        if (f.IsLanes) return;
        w.Line($"// The weights w{l}[j,k] (Parameters[{layer.WeightOffset}..{layer.BiasOffset}), row-major {layer.Size}×{layer.FanIn}).");
        for (int j = 0; j < layer.Size; j++)
            w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.FanIn).Select(k => $"{layer.W(j, k)} = p[{layer.WeightOffset + j * layer.FanIn + k}]")) + ";");
        w.Line($"// The biases b{l}[j] (Parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Size})).");
        w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.B(j)} = p[{layer.BiasOffset + j}]")) + ";");
    }

    /// <summary>Declares the activations the layer reads as named locals, source by source.</summary>
    public static void EmitInputLocals(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        foreach (SourcePlan source in layer.Sources.GroupBy(s => s.Node).Select(g => g.First()))
        {
            NodePlan node = source.Node;
            string columns = layer.Sources.Count == 1 ? "" : $" (inputs {string.Join(" and ", layer.Sources.Where(s => s.Node == node).Select(s => $"[{s.Column}..{s.Column + node.Size})"))} of layer {layer.Number})";
            w.Line($"// The activations {node.Symbol}_k of {CSharpText.Comment(node.Description)}{columns}.");
            w.Line($"{f.Type} " + string.Join(", ", Enumerable.Range(0, node.Size).Select(k => $"{node.Symbol}_{k} = {node.Symbol}[{k}]")) + ";");
        }
    }
}
