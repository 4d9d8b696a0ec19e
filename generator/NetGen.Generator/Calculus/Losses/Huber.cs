using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Calculus.Losses;

/// <summary>
/// PyTorch's HuberLoss with δ = 1 and reduction sum: C = Σ_j h(a_j − y_j), h(d) = d²/2 where |d| &lt; 1, else |d| − 1/2;
/// ∂C/∂a_j = a_j − y_j clamped to [−1, 1] (d itself near the target, its sign far from it).
/// </summary>
internal sealed class Huber : LossFunction
{
    public static readonly Huber Instance = new();

    public override LossKind Kind => LossKind.Huber;

    public override string Describe => "Huber C = Σ_j h(a_j − y_j), h(d) = d²/2 for |d| < 1, else |d| − 1/2";

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
        w.Doc($"<summary>The Huber cost C = {weightText}Σ_j h(a{l}_j − y_j) of one example{of}, h(d) = d²/2 where |d| &lt; 1, else |d| − 1/2,\n"
            + $"and its sensitivities ∂C/∂a{l}_j = {weightText}h'(a{l}_j − y_j), with h'(d) = d clamped to [−1, 1].</summary>");
        using (w.Block($"private static {T} {output.CostMethod}{f.Suffix}({f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} {span})"))
        {
            if (IsUnrolled(f, output))
            {
                for (int j = 0; j < n; j++)
                {
                    w.Line($"{T} e{j} = a{l}[{j}] - y[{j}];   // d_{j} = a{l}_{j} − y_{j}");
                    w.Line($"{span}[{j}] = {weight}{Clamp(f, $"e{j}")};   // ∂C/∂a{l}_{j} = {weightText}h'(d_{j}), d_{j} clamped to [−1, 1]");
                }
                string sum = string.Join(" + ", Enumerable.Range(0, n).Select(j => H(f, $"e{j}")));
                w.Line("return " + (weighted ? $"{weight}({sum})" : sum) + ";");
            }
            else
            {
                w.Line($"{T} cost = {f.Zero};");
                using (w.Block($"for (int j = 0; j < {n}; j++)"))
                {
                    w.Line($"{T} e = a{l}[j] - y[j];   // d_j = a{l}_j − y_j");
                    w.Line($"{span}[j] = {weight}{Clamp(f, "e")};   // ∂C/∂a{l}_j = {weightText}h'(d_j), d_j clamped to [−1, 1]");
                    w.Line($"cost += {H(f, "e")};");
                }
                w.Line($"return {weight}cost;");
            }
        }
        w.Line();
    }

    /// <summary>h'(d): d clamped to [−1, 1], a NaN staying NaN (Math.Clamp and Vector.Min/Max both keep it).</summary>
    private static string Clamp(NumericForm f, string d) =>
        f.IsLanes
            ? $"global::System.Numerics.Vector.Min(global::System.Numerics.Vector.Max({d}, -{f.One}), {f.One})"
            : $"global::System.Math.Clamp({d}, -{f.One}, {f.One})";

    /// <summary>h(d) = d²/2 for |d| &lt; 1, else |d| − 1/2.</summary>
    private static string H(NumericForm f, string d) =>
        f.IsLanes
            ? $"global::System.Numerics.Vector.ConditionalSelect(global::System.Numerics.Vector.LessThan(global::System.Numerics.Vector.Abs({d}), {f.One}), {f.Constant(0.5)} * {d} * {d}, global::System.Numerics.Vector.Abs({d}) - {f.Constant(0.5)})"
            : $"({f.Plan.MathClass}.Abs({d}) < {f.One} ? {f.Constant(0.5)} * {d} * {d} : {f.Plan.MathClass}.Abs({d}) - {f.Constant(0.5)})";
}
