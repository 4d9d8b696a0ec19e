using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>Above this many outputs the cost is a loop instead of one line per output.</summary>
    private const int UnrolledCostLimit = 32;

    private static void EmitOutputCost(SourceWriter w, Flavor f, LayerPlan last)
    {
        NetworkPlan plan = f.Plan;
        string T = f.Type;
        int l = last.Number, n = last.Size;
        bool unrolled = n <= UnrolledCostLimit;
        if (plan.Output.Loss == LossKind.SquaredError)
        {
            w.Doc($"<summary>The squared-error cost C = Σ_j (a{l}_j − y_j)² of one example, and its sensitivities ∂C/∂a{l}_j = 2(a{l}_j − y_j).</summary>");
            using (w.Block($"private static {T} OutputCost{f.Suffix}({f.ReadOnlySpan} z{l}, {f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} dC_da{l})"))
            {
                if (unrolled)
                {
                    for (int j = 0; j < n; j++)
                    {
                        w.Line($"{T} e{j} = a{l}[{j}] - y[{j}];   // a{l}_{j} − y_{j}");
                        w.Line($"dC_da{l}[{j}] = {plan.Lit(2)} * e{j};   // ∂C/∂a{l}_{j} = 2(a{l}_{j} − y_{j})");
                    }
                    w.Line("return " + string.Join(" + ", Enumerable.Range(0, n).Select(j => $"e{j} * e{j}")) + ";");
                }
                else
                {
                    w.Line($"{T} cost = {plan.Lit(0)};");
                    using (w.Block($"for (int j = 0; j < {n}; j++)"))
                    {
                        w.Line($"{T} e = a{l}[j] - y[j];   // a{l}_j − y_j");
                        w.Line($"dC_da{l}[j] = {plan.Lit(2)} * e;   // ∂C/∂a{l}_j = 2(a{l}_j − y_j)");
                        w.Line("cost += e * e;");
                    }
                    w.Line("return cost;");
                }
            }
        }
        else
        {
            w.Doc($"<summary>The cross-entropy cost C = −Σ_j y_j ln a{l}_j of one example, and ∂C/∂z{l}_j = a{l}_j − y_j:\nthe softmax's Jacobian a_i(δ_ij − a_j) times ∂C/∂a_i = −y_i/a_i collapses to that when Σ_j y_j = 1 (one-hot or probability targets).</summary>");
            using (w.Block($"private static {T} OutputCost{f.Suffix}({f.ReadOnlySpan} z{l}, {f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} dC_dz{l})"))
            {
                w.Line($"// ln a{l}_j = z{l}_j − ln Σ_i e^z{l}_i, with the log-sum-exp taken around m = max_i z{l}_i so that it stays finite.");
                if (unrolled)
                {
                    string max = $"z{l}[0]";
                    for (int j = 1; j < n; j++) max = f.Max(max, $"z{l}[{j}]");
                    w.Line($"{T} m = {max};");
                    w.Line($"{T} logSum = m + " + f.Log(string.Join(" + ", Enumerable.Range(0, n).Select(j => f.Exp($"z{l}[{j}] - m")))) + ";");
                    for (int j = 0; j < n; j++)
                        w.Line($"dC_dz{l}[{j}] = a{l}[{j}] - y[{j}];   // ∂C/∂z{l}_{j} = a{l}_{j} − y_{j}");
                    w.Line("return -(" + string.Join(" + ", Enumerable.Range(0, n).Select(j => $"y[{j}] * (z{l}[{j}] - logSum)")) + ");");
                }
                else
                {
                    w.Line($"{T} logSum = global::NetGen.Kernels.LogSumExp(z{l}.Slice(0, {n}));");
                    w.Line($"{T} cost = {plan.Lit(0)};");
                    using (w.Block($"for (int j = 0; j < {n}; j++)"))
                    {
                        w.Line($"dC_dz{l}[j] = a{l}[j] - y[j];   // ∂C/∂z{l}_j = a{l}_j − y_j");
                        w.Line($"cost -= y[j] * (z{l}[j] - logSum);");
                    }
                    w.Line("return cost;");
                }
            }
        }
        w.Line();
    }
}
