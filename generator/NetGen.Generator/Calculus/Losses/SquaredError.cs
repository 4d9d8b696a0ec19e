using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Calculus.Losses;

/// <summary>C = Σ_j (a_j − y_j)², the cost of the backpropagation calculus (no ½); ∂C/∂a_j = 2(a_j − y_j).</summary>
internal sealed class SquaredError : LossFunction
{
    public static readonly SquaredError Instance = new();

    public override LossKind Kind => LossKind.SquaredError;

    public override string Describe => "squared error C = Σ_j (a_j − y_j)²";

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
        w.Doc($"<summary>The squared-error cost C = {weightText}Σ_j (a{l}_j − y_j)² of one example{of}, and its sensitivities ∂C/∂a{l}_j = {weightText}2(a{l}_j − y_j).</summary>");
        using (w.Block($"private static {T} {output.CostMethod}{f.Suffix}({f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} {span})"))
        {
            if (IsUnrolled(f, output))
            {
                for (int j = 0; j < n; j++)
                {
                    w.Line($"{T} e{j} = a{l}[{j}] - y[{j}];   // a{l}_{j} − y_{j}");
                    w.Line($"{span}[{j}] = {weight}{f.Constant(2)} * e{j};   // ∂C/∂a{l}_{j} = {weightText}2(a{l}_{j} − y_{j})");
                }
                string sum = string.Join(" + ", Enumerable.Range(0, n).Select(j => $"e{j} * e{j}"));
                w.Line("return " + (weighted ? $"{weight}({sum})" : sum) + ";");
            }
            else
            {
                w.Line($"{T} cost = {f.Zero};");
                using (w.Block($"for (int j = 0; j < {n}; j++)"))
                {
                    w.Line($"{T} e = a{l}[j] - y[j];   // a{l}_j − y_j");
                    w.Line($"{span}[j] = {weight}{f.Constant(2)} * e;   // ∂C/∂a{l}_j = {weightText}2(a{l}_j − y_j)");
                    w.Line("cost += e * e;");
                }
                w.Line($"return {weight}cost;");
            }
        }
        w.Line();
    }
}
