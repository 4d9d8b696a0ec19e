using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Calculus.Losses;

/// <summary>
/// C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] on a Sigmoid layer, written from the logits as Σ_j [softplus(z_j) − y_j·z_j]
/// (ln a = −softplus(−z), ln(1 − a) = −softplus(z)) so that it stays finite when a rounds to 0 or 1. Its ∂C/∂z_j = a_j − y_j:
/// σ'(z_j) = a_j(1 − a_j) times ∂C/∂a_j = (a_j − y_j)/(a_j(1 − a_j)).
/// </summary>
internal sealed class BinaryCrossEntropy : LossFunction
{
    public static readonly BinaryCrossEntropy Instance = new();

    public override LossKind Kind => LossKind.BinaryCrossEntropy;

    public override string Describe => "binary cross-entropy C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]";

    public override bool GivesDz => true;

    public override ActivationKind? RequiredActivation => ActivationKind.Sigmoid;

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
        string softplus = f.IsLanes ? "global::NetGen.VectorMath.Softplus" : "global::NetGen.Activations.Softplus";
        w.Doc($"<summary>The binary cross-entropy C = −{weightText}Σ_j [y_j ln a{l}_j + (1 − y_j) ln(1 − a{l}_j)] of one example{of}, and ∂C/∂z{l}_j = {weightText}(a{l}_j − y_j):\n"
            + "the logistic's derivative a(1 − a) times ∂C/∂a = (a − y)/(a(1 − a)).</summary>");
        using (w.Block($"private static {T} {output.CostMethod}{f.Suffix}({f.ReadOnlySpan} z{l}, {f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} y, {f.Span} {span})"))
        {
            w.Line($"// ln a{l}_j = −softplus(−z{l}_j) and ln(1 − a{l}_j) = −softplus(z{l}_j), so C = Σ_j [softplus(z{l}_j) − y_j·z{l}_j]:");
            w.Line("// from the logits, the cost stays finite when a rounds to 0 or 1.");
            if (IsUnrolled(f, output))
            {
                for (int j = 0; j < n; j++)
                {
                    string value = weighted ? $"{weight}(a{l}[{j}] - y[{j}])" : $"a{l}[{j}] - y[{j}]";
                    w.Line($"{span}[{j}] = {value};   // ∂C/∂z{l}_{j} = {weightText}(a{l}_{j} − y_{j})");
                }
                string sum = string.Join(" + ", Enumerable.Range(0, n).Select(j => $"{softplus}(z{l}[{j}]) - y[{j}] * z{l}[{j}]"));
                w.Line("return " + (weighted ? $"{weight}({sum})" : sum) + ";");
            }
            else
            {
                w.Line($"{T} cost = {f.Zero};");
                using (w.Block($"for (int j = 0; j < {n}; j++)"))
                {
                    w.Line($"{span}[j] = {weight}(a{l}[j] - y[j]);   // ∂C/∂z{l}_j = {weightText}(a{l}_j − y_j)");
                    w.Line($"cost += {softplus}(z{l}[j]) - y[j] * z{l}[j];");
                }
                w.Line($"return {weight}cost;");
            }
        }
        w.Line();
    }
}
