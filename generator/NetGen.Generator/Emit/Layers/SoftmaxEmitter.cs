using System.Linq;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// The softmax of a layer, a{l}_j = softmax(z{l})_j = e^(z{l}_j − m) / Σ_i e^(z{l}_i − m) with m = max_i z{l}_i (so that
/// no exponential overflows), and its Jacobian product ∂C/∂z{l}_j = a{l}_j·(∂C/∂a{l}_j − s), s = Σ_i a{l}_i·∂C/∂a{l}_i,
/// in the straight-line and the loop forms.
/// </summary>
internal static class SoftmaxEmitter
{
    private static string Comment(int l) =>
        $"// Softmax: a{l}_j = softmax(z{l})_j = e^(z{l}_j − m) / Σ_i e^(z{l}_i − m), with m = max_i z{l}_i so that no exponential overflows.";

    /// <summary>The straight-line forward softmax over the locals z{l}_j the layer has just computed.</summary>
    public static void EmitForwardUnrolled(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        string T = f.Type;
        w.Line();
        w.Line(Comment(l));
        string max = layer.Z(0);
        for (int j = 1; j < layer.Size; j++) max = f.Max(max, layer.Z(j));
        w.Line($"{T} m = {max};");
        for (int j = 0; j < layer.Size; j++)
            w.Line($"{T} e{l}_{j} = {f.Exp(layer.Z(j) + " - m")};");
        w.Line($"{T} total = {string.Join(" + ", Enumerable.Range(0, layer.Size).Select(j => $"e{l}_{j}"))};");
        for (int j = 0; j < layer.Size; j++)
            w.Line($"a{l}[{j}] = e{l}_{j} / total;");
    }

    /// <summary>The loop form, over the span z{l}.</summary>
    public static void EmitForwardLoop(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number, size = layer.Size;
        w.Line(Comment(l));
        if (!f.IsLanes)
        {
            w.Line($"global::NetGen.Kernels.Softmax(z{l}.Slice(0, {size}), a{l}.Slice(0, {size}));");
            return;
        }
        string V = f.Type;
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

    /// <summary>s = Σ_i a{l}_i·∂C/∂a{l}_i of the straight-line backward pass, over the locals a{l}_i and the sensitivities.</summary>
    public static void EmitJacobianSumUnrolled(SourceWriter w, NumericForm f, LayerPlan layer, string[] sensitivity)
    {
        int l = layer.Number;
        w.Line();
        w.Line($"// Softmax: ∂a{l}_i/∂z{l}_j = a{l}_i·(δ_ij − a{l}_j), so ∂C/∂z{l}_j = Σ_i ∂C/∂a{l}_i·a{l}_i·(δ_ij − a{l}_j) = a{l}_j·(∂C/∂a{l}_j − s)");
        w.Line($"// with s = Σ_i a{l}_i·∂C/∂a{l}_i.");
        w.Line($"{f.Type} s = " + string.Join(" + ", Enumerable.Range(0, layer.Size).Select(i => $"{layer.A(i)} * {sensitivity[i]}")) + ";");
    }

    /// <summary>s = Σ_i a{l}_i·∂C/∂a{l}_i of the loop backward pass, over the span holding ∂C/∂a{l}.</summary>
    public static void EmitJacobianSumLoop(SourceWriter w, NumericForm f, LayerPlan layer, string sensitivity)
    {
        int l = layer.Number, size = layer.Size;
        w.Line($"// Softmax: ∂C/∂z{l}_j = a{l}_j·(∂C/∂a{l}_j − s) with s = Σ_i a{l}_i·∂C/∂a{l}_i.");
        if (f.IsLanes)
        {
            w.Line($"{f.Type} s = {f.Type}.Zero;");
            using (w.Block($"for (int i = 0; i < {size}; i++)"))
                w.Line($"s += a{l}[i] * {sensitivity}[i];");
        }
        else
        {
            w.Line($"{f.Type} s = global::NetGen.Kernels.Dot(a{l}.Slice(0, {size}), {sensitivity}.Slice(0, {size}));");
        }
    }
}
