using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>The nodes a layer reads, each once (a layer may read the same node at two columns).</summary>
    private static IEnumerable<NodePlan> SourceNodes(LayerPlan layer) => layer.Sources.Select(s => s.Node).Distinct();

    /// <summary>The parameter list of a layer's forward method: its sources (read-only), then z (dense only) and a.</summary>
    private static string ForwardParameters(Flavor f, LayerPlan layer) =>
        string.Join(", ", SourceNodes(layer).Select(node => $"{f.ReadOnlySpan} {node.Symbol}")
            .Concat(layer.IsDense ? new[] { $"{f.Span} z{layer.Number}" } : System.Array.Empty<string>())
            .Append($"{f.Span} a{layer.Number}"));

    /// <summary>The call of a layer's forward method, with the spans named after their nodes.</summary>
    private static string ForwardCall(Flavor f, LayerPlan layer, string output) =>
        $"ForwardLayer{layer.Number}{f.Suffix}(" + string.Join(", ", SourceNodes(layer).Select(node => node.Symbol)
            .Concat(layer.IsDense ? new[] { $"z{layer.Number}" } : System.Array.Empty<string>())
            .Append(output)) + ");";

    private static void EmitForwardLayer(SourceWriter w, Flavor f, LayerPlan layer)
    {
        NetworkPlan plan = f.Plan;
        int l = layer.Number;
        string reads = string.Join(" ‖ ", layer.Sources.Select(s => s.Node.Symbol));
        if (f.IsLanes)
            w.Doc($"<summary>Layer {l} ({layer.Name}), forward, for Vector&lt;{plan.T}&gt;.Count examples at once (one per SIMD lane): the same products as ForwardLayer{l}.</summary>");
        else if (!layer.IsDense)
            w.Doc($"<summary>Layer {l} ({layer.Name}), forward: the element-wise sum a{l} = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol))}.</summary>");
        else
            w.Doc($"<summary>Layer {l} ({layer.Name}), forward: z{l} = w{l}·{(layer.Sources.Count == 1 ? reads : "(" + reads + ")")} + b{l}, then a{l} = {ActivationFormula(layer.Activation, "z" + l)}.</summary>");
        using (w.Block($"private void ForwardLayer{l}{f.Suffix}({ForwardParameters(f, layer)})"))
        {
            if (!layer.IsDense) EmitForwardAdd(w, f, layer);
            else if (layer.Unrolled) EmitForwardUnrolled(w, f, layer);
            else if (f.IsLanes) EmitForwardLanesLoop(w, f, layer);
            else EmitForwardLoop(w, f.Plan, layer);
        }
        w.Line();
    }

    private static void EmitForwardAdd(SourceWriter w, Flavor f, LayerPlan layer)
    {
        int l = layer.Number;
        w.Line($"// a{l}_j = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol + "_j"))}: an element-wise sum, no weights and no activation.");
        using (w.Block($"for (int j = 0; j < {layer.Size}; j++)"))
            w.Line($"a{l}[j] = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol + "[j]"))};");
    }

    private static void EmitForwardUnrolled(SourceWriter w, Flavor f, LayerPlan layer)
    {
        string T = f.Type;
        int l = layer.Number;
        EmitParameterLocals(w, f, layer, weights: true, biases: true);
        EmitInputLocals(w, f, layer);
        w.Line();
        for (int j = 0; j < layer.Size; j++)
        {
            string sum = string.Join(" + ", Enumerable.Range(0, layer.FanIn).Select(k => $"{WeightRef(f, layer, j, k)} * {layer.X(k)}"));
            w.Line($"// Neuron {l}_{j}: z{l}_{j} = Σ_k w{l}[{j},k]·{layer.XName}_k + b{l}[{j}]");
            w.Line($"{T} {layer.Z(j)} = {sum} + {BiasRef(f, layer, j)};");
            w.Line($"z{l}[{j}] = {layer.Z(j)};");
            if (layer.Activation != ActivationKind.Softmax)
            {
                w.Line($"a{l}[{j}] = {f.Activate(layer.Activation, layer.Z(j))};{(f.IsLanes ? "" : ActivationComment(layer.Activation, layer.Z(j)))}");
            }
        }
        if (layer.Activation == ActivationKind.Softmax)
        {
            w.Line();
            w.Line($"// Softmax: a{l}_j = e^(z{l}_j − m) / Σ_i e^(z{l}_i − m), with m = max_i z{l}_i so that no exponential overflows.");
            string max = layer.Z(0);
            for (int j = 1; j < layer.Size; j++) max = f.Max(max, layer.Z(j));
            w.Line($"{T} m = {max};");
            for (int j = 0; j < layer.Size; j++)
                w.Line($"{T} e{l}_{j} = {f.Exp(layer.Z(j) + " - m")};");
            w.Line($"{T} total = {string.Join(" + ", Enumerable.Range(0, layer.Size).Select(j => $"e{l}_{j}"))};");
            for (int j = 0; j < layer.Size; j++)
                w.Line($"a{l}[{j}] = e{l}_{j} / total;");
        }
    }

    private static void EmitForwardLoop(SourceWriter w, NetworkPlan plan, LayerPlan layer)
    {
        string T = plan.T;
        int l = layer.Number, fanIn = layer.FanIn;
        w.Line($"// w{l} is {layer.Size}×{fanIn}, row-major at Parameters[{layer.WeightOffset}..{layer.BiasOffset}); b{l} at Parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Size}).");
        w.Line($"{plan.ReadOnlySpan} w{l} = new {plan.ReadOnlySpan}(_parameters, {layer.WeightOffset}, {layer.Size * fanIn});");
        w.Line($"{plan.ReadOnlySpan} b{l} = new {plan.ReadOnlySpan}(_parameters, {layer.BiasOffset}, {layer.Size});");
        using (w.Block($"for (int j = 0; j < {layer.Size}; j++)"))
        {
            string reads = layer.Sources.Count == 1 ? layer.Sources[0].Node.Symbol : "(" + string.Join(" ‖ ", layer.Sources.Select(s => s.Node.Symbol)) + ")";
            w.Line($"// z{l}_j = Σ_k w{l}[j,k]·{layer.XName}_k + b{l}[j]: row j of w{l} dotted with {reads}, {fanIn} products in SIMD lanes.");
            string dots = string.Join(" + ", layer.Sources.Select(s =>
                $"global::NetGen.Kernels.Dot(w{l}.Slice(j * {fanIn}{(s.Column == 0 ? "" : " + " + s.Column)}, {s.Node.Size}), {s.Node.Symbol}.Slice(0, {s.Node.Size}))"));
            w.Line($"{T} z = {dots} + b{l}[j];");
            w.Line($"z{l}[j] = z;");
            if (layer.Activation != ActivationKind.Softmax)
                w.Line($"a{l}[j] = {Flavor.Scalar(plan).Activate(layer.Activation, "z")};{ActivationComment(layer.Activation, "z")}");
        }
        if (layer.Activation == ActivationKind.Softmax)
        {
            w.Line($"// Softmax: a{l}_j = e^(z{l}_j − m) / Σ_i e^(z{l}_i − m), with m = max_i z{l}_i so that no exponential overflows.");
            w.Line($"global::NetGen.Kernels.Softmax(z{l}.Slice(0, {layer.Size}), a{l}.Slice(0, {layer.Size}));");
        }
    }

    /// <summary>The lane form of a layer too wide to write out: loops with constant bounds, each weight broadcast to every lane.</summary>
    private static void EmitForwardLanesLoop(SourceWriter w, Flavor f, LayerPlan layer)
    {
        string V = f.Type;
        int l = layer.Number, size = layer.Size, fanIn = layer.FanIn;
        w.Line($"{f.Plan.ReadOnlySpan} w = new {f.Plan.ReadOnlySpan}(_parameters, {layer.WeightOffset}, {size * fanIn});");
        w.Line($"{f.Plan.ReadOnlySpan} b = new {f.Plan.ReadOnlySpan}(_parameters, {layer.BiasOffset}, {size});");
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
            if (layer.Activation != ActivationKind.Softmax)
                w.Line($"a{l}[j] = {f.Activate(layer.Activation, "z")};");
        }
        if (layer.Activation == ActivationKind.Softmax)
        {
            w.Line($"{V} m = z{l}[0];");
            using (w.Block($"for (int j = 1; j < {size}; j++)"))
                w.Line($"m = {f.Max("m", $"z{l}[j]")};");
            w.Line($"{V} total = {V}.Zero;");
            using (w.Block($"for (int j = 0; j < {size}; j++)"))
            {
                w.Line($"a{l}[j] = {f.Exp($"z{l}[j] - m")};");
                w.Line($"total += a{l}[j];");
            }
            using (w.Block($"for (int j = 0; j < {size}; j++)"))
                w.Line($"a{l}[j] /= total;");
        }
    }

    /// <summary>A weight in an expression: its named local in the scalar form, a broadcast read in the lane form.</summary>
    private static string WeightRef(Flavor f, LayerPlan layer, int j, int k) =>
        f.IsLanes ? f.Parameter(layer.WeightOffset + j * layer.FanIn + k) : layer.W(j, k);

    private static string BiasRef(Flavor f, LayerPlan layer, int j) =>
        f.IsLanes ? f.Parameter(layer.BiasOffset + j) : layer.B(j);

    /// <summary>Declares one named local per weight (w{l}_j_k) and bias (b{l}_j), read from the parameter vector.
    /// The lane form reads them where they are used instead (a broadcast each), so only the span is declared.</summary>
    private static void EmitParameterLocals(SourceWriter w, Flavor f, LayerPlan layer, bool weights, bool biases)
    {
        NetworkPlan plan = f.Plan;
        string T = plan.T;
        int l = layer.Number;
        w.Line($"{plan.ReadOnlySpan} p = _parameters;");
        if (f.IsLanes) return;
        if (weights)
        {
            w.Line($"// The weights w{l}[j,k] (Parameters[{layer.WeightOffset}..{layer.BiasOffset}), row-major {layer.Size}×{layer.FanIn}).");
            for (int j = 0; j < layer.Size; j++)
                w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.FanIn).Select(k => $"{layer.W(j, k)} = p[{layer.WeightOffset + j * layer.FanIn + k}]")) + ";");
        }
        if (biases)
        {
            w.Line($"// The biases b{l}[j] (Parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Size})).");
            w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.B(j)} = p[{layer.BiasOffset + j}]")) + ";");
        }
    }

    /// <summary>Declares the activations the layer reads as named locals, source by source.</summary>
    private static void EmitInputLocals(SourceWriter w, Flavor f, LayerPlan layer)
    {
        foreach (SourcePlan source in layer.Sources.GroupBy(s => s.Node).Select(g => g.First()))
        {
            NodePlan node = source.Node;
            string columns = layer.Sources.Count == 1 ? "" : $" (inputs {string.Join(" and ", layer.Sources.Where(s => s.Node == node).Select(s => $"{s.Column}..{s.Column + node.Size - 1}"))} of layer {layer.Number})";
            w.Line($"// The activations {node.Symbol}_k of {node.Description}{columns}.");
            w.Line($"{f.Type} " + string.Join(", ", Enumerable.Range(0, node.Size).Select(k => $"{node.Symbol}_{k} = {node.Symbol}[{k}]")) + ";");
        }
    }

    private static string ActivationComment(ActivationKind activation, string z) => activation switch
    {
        ActivationKind.Identity => "   // identity",
        ActivationKind.Sigmoid => $"   // σ({z}) = 1 / (1 + e^−{z}), the logistic function",
        ActivationKind.Tanh => "",
        ActivationKind.ReLU => $"   // ReLU: max(0, {z})",
        ActivationKind.LeakyReLU => "   // leaky ReLU, slope 0.01 below zero",
        ActivationKind.Softplus => $"   // softplus: ln(1 + e^{z})",
        _ => "",
    };

    private static string ActivationFormula(ActivationKind activation, string z) => activation switch
    {
        ActivationKind.Identity => z,
        ActivationKind.Sigmoid => $"σ({z}), the logistic function",
        ActivationKind.Tanh => $"tanh({z})",
        ActivationKind.ReLU => $"max(0, {z})",
        ActivationKind.LeakyReLU => $"leaky ReLU({z}) (slope 0.01 below zero)",
        ActivationKind.Softplus => $"softplus({z}) = ln(1 + e^{z})",
        ActivationKind.Softmax => $"softmax({z})",
        _ => z,
    };
}
