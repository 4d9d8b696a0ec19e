using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

internal static partial class Emitter
{
    private static void EmitForwardLayer(SourceWriter w, Flavor f, LayerPlan layer)
    {
        NetworkPlan plan = f.Plan;
        int l = layer.Number;
        w.Doc(f.IsLanes
            ? $"<summary>Layer {l} ({layer.Model.Name}), forward, for Vector&lt;{plan.T}&gt;.Count examples at once (one per SIMD lane): the same products as ForwardLayer{l}.</summary>"
            : $"<summary>Layer {l} ({layer.Model.Name}), forward: z{l} = w{l}·a{layer.Previous} + b{l}, then a{l} = {ActivationFormula(layer.Activation, "z" + l)}.</summary>");
        using (w.Block($"private void ForwardLayer{l}{f.Suffix}({f.ReadOnlySpan} a{layer.Previous}, {f.Span} z{l}, {f.Span} a{l})"))
        {
            if (layer.Unrolled) EmitForwardUnrolled(w, f, layer);
            else if (f.IsLanes) EmitForwardLanesLoop(w, f, layer);
            else EmitForwardLoop(w, plan, layer);
        }
        w.Line();
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
            if (!f.IsLanes) w.Line($"// Neuron {l}_{j}: z{l}_{j} = Σ_k w{l}[{j},k]·a{layer.Previous}_k + b{l}[{j}]");
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
        int l = layer.Number, p = layer.Previous;
        w.Line($"// w{l} is {layer.Size}×{layer.FanIn}, row-major at Parameters[{layer.WeightOffset}..{layer.BiasOffset}); b{l} at Parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Size}).");
        w.Line($"{plan.ReadOnlySpan} w{l} = new {plan.ReadOnlySpan}(_parameters, {layer.WeightOffset}, {layer.Size * layer.FanIn});");
        w.Line($"{plan.ReadOnlySpan} b{l} = new {plan.ReadOnlySpan}(_parameters, {layer.BiasOffset}, {layer.Size});");
        w.Line($"{plan.ReadOnlySpan} x = a{p}.Slice(0, {layer.FanIn});");
        using (w.Block($"for (int j = 0; j < {layer.Size}; j++)"))
        {
            w.Line($"// z{l}_j = Σ_k w{l}[j,k]·a{p}_k + b{l}[j]: row j of w{l} dotted with a{p}, {layer.FanIn} products in SIMD lanes.");
            w.Line($"{T} z = global::NetGen.Kernels.Dot(w{l}.Slice(j * {layer.FanIn}, {layer.FanIn}), x) + b{l}[j];");
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
        int l = layer.Number, p = layer.Previous, size = layer.Size, fanIn = layer.FanIn;
        w.Line($"{f.Plan.ReadOnlySpan} w = new {f.Plan.ReadOnlySpan}(_parameters, {layer.WeightOffset}, {size * fanIn});");
        w.Line($"{f.Plan.ReadOnlySpan} b = new {f.Plan.ReadOnlySpan}(_parameters, {layer.BiasOffset}, {size});");
        w.Line($"{f.ReadOnlySpan} x = a{p}.Slice(0, {fanIn});");
        using (w.Block($"for (int j = 0; j < {size}; j++)"))
        {
            w.Line($"{f.Plan.ReadOnlySpan} row = w.Slice(j * {fanIn}, {fanIn});");
            w.Line($"{V} z = new {V}(b[j]);");
            using (w.Block($"for (int k = 0; k < {fanIn}; k++)"))
                w.Line($"z += new {V}(row[k]) * x[k];");
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
            {
                w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.FanIn).Select(k => $"{layer.W(j, k)} = p[{layer.WeightOffset + j * layer.FanIn + k}]")) + ";");
            }
        }
        if (biases)
        {
            w.Line($"// The biases b{l}[j] (Parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Size})).");
            w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.B(j)} = p[{layer.BiasOffset + j}]")) + ";");
        }
    }

    /// <summary>Declares the activations a{l−1}_k of the layer read as named locals.</summary>
    private static void EmitInputLocals(SourceWriter w, Flavor f, LayerPlan layer)
    {
        int p = layer.Previous;
        w.Line($"// The activations a{p}_k {(p == 0 ? "of the input" : "of layer " + p)}.");
        w.Line($"{f.Type} " + string.Join(", ", Enumerable.Range(0, layer.FanIn).Select(k => $"{layer.X(k)} = a{p}[{k}]")) + ";");
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
