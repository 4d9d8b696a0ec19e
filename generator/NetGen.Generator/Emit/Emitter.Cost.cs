using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>Above this many outputs the cost is a loop instead of one line per output.</summary>
    private const int UnrolledCostLimit = 32;

    private static string CostMethod(NetworkPlan plan, OutputPlan output) =>
        plan.IsChain ? "OutputCost" : "OutputCost" + output.Layer.Number;

    /// <summary>The span of an output's targets: y for a network with one output, y3 for the output on layer 3.</summary>
    private static string TargetSymbol(NetworkPlan plan, OutputPlan output) =>
        plan.Outputs.Count == 1 ? "y" : "y" + output.Layer.Number;

    private static void EmitOutputCost(SourceWriter w, Flavor f, OutputPlan output)
    {
        NetworkPlan plan = f.Plan;
        LayerPlan last = output.Layer;
        string T = f.Type;
        int l = last.Number, n = last.Size;
        bool unrolled = f.IsLanes || n <= UnrolledCostLimit;
        bool weighted = output.Weight != 1.0;
        string weight = weighted ? plan.Lit(output.Weight) + " * " : "";
        string weightText = weighted ? Literals.Of(output.Weight, true) + "·" : "";
        string name = CostMethod(plan, output) + f.Suffix;
        string of = plan.Outputs.Count == 1 ? "" : $" (output '{last.Name}', weight {Literals.Of(output.Weight, true)} in the total cost)";
        string span = CostSpan(last);
        if (output.Loss == LossKind.SquaredError)
        {
            w.Doc($"<summary>The squared-error cost C = {weightText}Σ_j (a{l}_j − y_j)² of one example{of}, and its sensitivities ∂C/∂a{l}_j = {weightText}2(a{l}_j − y_j).</summary>");
            using (w.Block($"private static {T} {name}({f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} {span})"))
            {
                if (unrolled)
                {
                    for (int j = 0; j < n; j++)
                    {
                        w.Line($"{T} e{j} = a{l}[{j}] - y[{j}];   // a{l}_{j} − y_{j}");
                        w.Line($"{span}[{j}] = {weight}{plan.Lit(2)} * e{j};   // ∂C/∂a{l}_{j} = {weightText}2(a{l}_{j} − y_{j})");
                    }
                    string sum = string.Join(" + ", Enumerable.Range(0, n).Select(j => $"e{j} * e{j}"));
                    w.Line("return " + (weighted ? $"{weight}({sum})" : sum) + ";");
                }
                else
                {
                    w.Line($"{T} cost = {plan.Lit(0)};");
                    using (w.Block($"for (int j = 0; j < {n}; j++)"))
                    {
                        w.Line($"{T} e = a{l}[j] - y[j];   // a{l}_j − y_j");
                        w.Line($"{span}[j] = {weight}{plan.Lit(2)} * e;   // ∂C/∂a{l}_j = {weightText}2(a{l}_j − y_j)");
                        w.Line("cost += e * e;");
                    }
                    w.Line($"return {weight}cost;");
                }
            }
        }
        else
        {
            w.Doc($"<summary>The cross-entropy cost C = −{weightText}Σ_j y_j ln a{l}_j of one example{of}, and ∂C/∂z{l}_j = {weightText}(a{l}_j − y_j):\nthe softmax's Jacobian a_i(δ_ij − a_j) times ∂C/∂a_i = −y_i/a_i collapses to that when Σ_j y_j = 1 (one-hot or probability targets).</summary>");
            using (w.Block($"private static {T} {name}({f.ReadOnlySpan} z{l}, {f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} {span})"))
            {
                w.Line($"// ln a{l}_j = z{l}_j − ln Σ_i e^z{l}_i, with the log-sum-exp taken around m = max_i z{l}_i so that it stays finite.");
                if (unrolled)
                {
                    string max = $"z{l}[0]";
                    for (int j = 1; j < n; j++) max = f.Max(max, $"z{l}[{j}]");
                    w.Line($"{T} m = {max};");
                    w.Line($"{T} logSum = m + " + f.Log(string.Join(" + ", Enumerable.Range(0, n).Select(j => f.Exp($"z{l}[{j}] - m")))) + ";");
                    for (int j = 0; j < n; j++)
                    {
                        string value = weighted ? $"{weight}(a{l}[{j}] - y[{j}])" : $"a{l}[{j}] - y[{j}]";
                        string formula = weighted ? $"{weightText}(a{l}_{j} − y_{j})" : $"a{l}_{j} − y_{j}";
                        w.Line($"{span}[{j}] = {value};   // ∂C/∂z{l}_{j} = {formula}");
                    }
                    w.Line($"return -{weight}(" + string.Join(" + ", Enumerable.Range(0, n).Select(j => $"y[{j}] * (z{l}[{j}] - logSum)")) + ");");
                }
                else
                {
                    w.Line($"{T} logSum = global::NetGen.Kernels.LogSumExp(z{l}.Slice(0, {n}));");
                    w.Line($"{T} cost = {plan.Lit(0)};");
                    using (w.Block($"for (int j = 0; j < {n}; j++)"))
                    {
                        w.Line($"{span}[j] = {weight}(a{l}[j] - y[j]);   // ∂C/∂z{l}_j = {weightText}(a{l}_j − y_j)");
                        w.Line($"cost -= y[j] * (z{l}[j] - logSum);");
                    }
                    w.Line($"return {weight}cost;");
                }
            }
        }
        w.Line();
    }
}
