using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

internal static partial class Emitter
{
    private static void EmitForwardLayer(SourceWriter w, NetworkPlan plan, LayerPlan layer)
    {
        string T = plan.T;
        int l = layer.Number;
        w.Doc($"<summary>Layer {l} ({layer.Model.Name}), forward: z{l} = w{l}·a{layer.Previous} + b{l}, then a{l} = {ActivationFormula(layer.Activation, "z" + l)}.</summary>");
        using (w.Block($"private void ForwardLayer{l}({plan.ReadOnlySpan} a{layer.Previous}, {plan.Span} z{l}, {plan.Span} a{l})"))
        {
            if (layer.Unrolled) EmitForwardUnrolled(w, plan, layer);
            else EmitForwardLoop(w, plan, layer);
        }
        w.Line();
    }

    private static void EmitForwardUnrolled(SourceWriter w, NetworkPlan plan, LayerPlan layer)
    {
        string T = plan.T;
        int l = layer.Number;
        EmitParameterLocals(w, plan, layer, weights: true, biases: true);
        EmitInputLocals(w, plan, layer);
        w.Line();
        for (int j = 0; j < layer.Size; j++)
        {
            string sum = string.Join(" + ", Enumerable.Range(0, layer.FanIn).Select(k => $"{layer.W(j, k)} * {layer.X(k)}"));
            w.Line($"// Neuron {l}_{j}: z{l}_{j} = Σ_k w{l}[{j},k]·a{layer.Previous}_k + b{l}[{j}]");
            w.Line($"{T} {layer.Z(j)} = {sum} + {layer.B(j)};");
            w.Line($"z{l}[{j}] = {layer.Z(j)};");
            if (layer.Activation != ActivationKind.Softmax)
            {
                w.Line($"a{l}[{j}] = {ActivationExpression(plan, layer.Activation, layer.Z(j))};{ActivationComment(layer.Activation, layer.Z(j))}");
            }
        }
        if (layer.Activation == ActivationKind.Softmax)
        {
            w.Line();
            w.Line($"// Softmax: a{l}_j = e^(z{l}_j − m) / Σ_i e^(z{l}_i − m), with m = max_i z{l}_i so that no exponential overflows.");
            string max = layer.Z(0);
            for (int j = 1; j < layer.Size; j++) max = $"{plan.MathClass}.Max({max}, {layer.Z(j)})";
            w.Line($"{T} m = {max};");
            for (int j = 0; j < layer.Size; j++)
                w.Line($"{T} e{l}_{j} = {plan.MathClass}.Exp({layer.Z(j)} - m);");
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
                w.Line($"a{l}[j] = {ActivationExpression(plan, layer.Activation, "z")};{ActivationComment(layer.Activation, "z")}");
        }
        if (layer.Activation == ActivationKind.Softmax)
        {
            w.Line($"// Softmax: a{l}_j = e^(z{l}_j − m) / Σ_i e^(z{l}_i − m), with m = max_i z{l}_i so that no exponential overflows.");
            w.Line($"global::NetGen.Kernels.Softmax(z{l}.Slice(0, {layer.Size}), a{l}.Slice(0, {layer.Size}));");
        }
    }

    /// <summary>Declares one named local per weight (w{l}_j_k) and bias (b{l}_j), read from the parameter vector.</summary>
    private static void EmitParameterLocals(SourceWriter w, NetworkPlan plan, LayerPlan layer, bool weights, bool biases)
    {
        string T = plan.T;
        int l = layer.Number;
        w.Line($"{plan.ReadOnlySpan} p = _parameters;");
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
    private static void EmitInputLocals(SourceWriter w, NetworkPlan plan, LayerPlan layer)
    {
        int p = layer.Previous;
        w.Line($"// The activations a{p}_k {(p == 0 ? "of the input" : "of layer " + p)}.");
        w.Line($"{plan.T} " + string.Join(", ", Enumerable.Range(0, layer.FanIn).Select(k => $"{layer.X(k)} = a{p}[{k}]")) + ";");
    }

    private static string ActivationExpression(NetworkPlan plan, ActivationKind activation, string z) => activation switch
    {
        ActivationKind.Identity => z,
        ActivationKind.Sigmoid => $"global::NetGen.Activations.Sigmoid({z})",
        ActivationKind.Tanh => $"{plan.MathClass}.Tanh({z})",
        ActivationKind.ReLU => $"{z} > {plan.Lit(0)} ? {z} : {plan.Lit(0)}",
        ActivationKind.LeakyReLU => $"{z} > {plan.Lit(0)} ? {z} : {plan.Lit(0.01)} * {z}",
        ActivationKind.Softplus => $"global::NetGen.Activations.Softplus({z})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation)),
    };

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
