using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Calculus.Losses;

/// <summary>
/// C = −Σ_j y_j ln a_j on a Softmax layer, written from the logits as −Σ_j y_j (z_j − ln Σ_i e^(z_i)) so that it stays
/// finite however large they are. Its ∂C/∂z_j = a_j·S − y_j with S = Σ_i y_i: the softmax Jacobian a_i(δ_ij − a_j)
/// times ∂C/∂a_i = −y_i/a_i, exact for any targets (with one-hot or probability targets S = 1 and it is a_j − y_j).
/// </summary>
internal sealed class CrossEntropy : LossFunction
{
    public static readonly CrossEntropy Instance = new();

    public override LossKind Kind => LossKind.CrossEntropy;

    public override string Describe => "cross-entropy C = −Σ_j y_j ln a_j";

    public override bool GivesDz => true;

    public override ActivationKind? RequiredActivation => ActivationKind.Softmax;

    public override void EmitCostMethod(SourceWriter w, NumericForm f, OutputPlan output)
    {
        NetworkPlan plan = f.Plan;
        LayerPlan layer = output.Layer;
        string T = f.Type;
        int l = layer.Number, n = layer.Size;
        bool weighted = output.Weight != 1.0;
        string weight = weighted ? plan.Literal(output.Weight) + " * " : "";
        string weightText = weighted ? NumberText.Plain(output.Weight) + "·" : "";
        string of = plan.Outputs.Count == 1 ? "" : $" (output '{CSharpText.Xml(layer.Name)}', weight {NumberText.Plain(output.Weight)} in the total cost)";
        string span = layer.CostSpan;
        w.Doc($"<summary>The cross-entropy cost C = −{weightText}Σ_j y_j ln a{l}_j of one example{of}, and ∂C/∂z{l}_j = {weightText}(a{l}_j·S − y_j) with S = Σ_i y_i:\n"
            + "the softmax's Jacobian a_i(δ_ij − a_j) times ∂C/∂a_i = −y_i/a_i, exact for any targets (S = 1 for one-hot or probability targets).</summary>");
        using (w.Block($"private static {T} {output.CostMethod}{f.Suffix}({f.ReadOnlySpan} z{l}, {f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} {span})"))
        {
            w.Line($"// ln a{l}_j = z{l}_j − ln Σ_i e^z{l}_i, with the log-sum-exp taken around m = max_i z{l}_i so that it stays finite.");
            if (IsUnrolled(f, output))
            {
                string max = $"z{l}[0]";
                for (int j = 1; j < n; j++) max = f.Max(max, $"z{l}[{j}]");
                w.Line($"{T} m = {max};");
                w.Line($"{T} logSum = m + " + f.Log(string.Join(" + ", Enumerable.Range(0, n).Select(j => f.Exp($"z{l}[{j}] - m")))) + ";");
                w.Line($"// S = Σ_i y_i, the total of the targets.");
                w.Line($"{T} s = {string.Join(" + ", Enumerable.Range(0, n).Select(j => $"y[{j}]"))};");
                for (int j = 0; j < n; j++)
                {
                    string value = weighted ? $"{weight}(a{l}[{j}] * s - y[{j}])" : $"a{l}[{j}] * s - y[{j}]";
                    w.Line($"{span}[{j}] = {value};   // ∂C/∂z{l}_{j} = {weightText}(a{l}_{j}·S − y_{j})");
                }
                w.Line($"return -{weight}(" + string.Join(" + ", Enumerable.Range(0, n).Select(j => $"y[{j}] * (z{l}[{j}] - logSum)")) + ");");
            }
            else
            {
                w.Line($"{T} logSum = global::NetGen.Kernels.LogSumExp(z{l}.Slice(0, {n}));");
                w.Line($"// S = Σ_i y_i, the total of the targets.");
                w.Line($"{T} s = global::NetGen.Kernels.Sum(y.Slice(0, {n}));");
                w.Line($"{T} cost = {f.Zero};");
                using (w.Block($"for (int j = 0; j < {n}; j++)"))
                {
                    w.Line($"{span}[j] = {weight}(a{l}[j] * s - y[j]);   // ∂C/∂z{l}_j = {weightText}(a{l}_j·S − y_j)");
                    w.Line($"cost -= y[j] * (z{l}[j] - logSum);");
                }
                w.Line($"return {weight}cost;");
            }
        }
        w.Line();
    }
}
