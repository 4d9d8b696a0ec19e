using System.Linq;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit;

/// <summary>Writes Explain: one parameter's gradient for one example as the chain of factors that produces it.</summary>
internal static class ExplainEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        string T = plan.T;
        string span = Documentation.Cref(plan.ReadOnlySpan);
        w.Doc("<summary>\nExplains ∂C/∂θ of one parameter for one example as the chain of factors that produces it, each with its\n"
            + "symbolic form and its value (∂z/∂w · ∂a/∂z · ∂C/∂a, and ∂C/∂a as the sum over the neurons it feeds);\n"
            + $"<c>ToString()</c> prints the derivation. The product of the factors equals the gradient <see cref=\"Backward({span}, {span}, {Documentation.Cref(plan.Span)})\"/> adds.\n</summary>");
        w.Doc("<param name=\"input\">The input values of the example.</param>");
        w.Doc("<param name=\"target\">The desired outputs of the example.</param>");
        w.Doc("<param name=\"parameterIndex\">The parameter's index in <see cref=\"Parameters\"/>.</param>");
        w.Line(Documentation.GeneratedCode);
        w.Line($"public global::NetGen.GradientExplanation {GeneratedMembers.Explain}({plan.ReadOnlySpan} input, {plan.ReadOnlySpan} target, int parameterIndex) =>");
        w.Line($"    global::NetGen.GradientExplanation.Explain<{T}>(this, input, target, parameterIndex);");
        w.Line();
        LayerPlan first = plan.Layers.First(l => l.HasParameters);
        string weight = first.IsConv ? "w[0,0,0,0]" : "w[0,0]";
        w.Doc($"<summary>Explains ∂C/∂θ of the parameter called <paramref name=\"parameterName\"/> for one example, as <see cref=\"Explain({span}, {span}, int)\"/> does.</summary>");
        w.Doc("<param name=\"input\">The input values of the example.</param>");
        w.Doc("<param name=\"target\">The desired outputs of the example.</param>");
        w.Doc($"<param name=\"parameterName\">A name such as <c>{CSharpText.Xml(first.Name)}.{weight}</c> or <c>{CSharpText.Xml(first.Name)}.b[0]</c>.</param>");
        w.Line(Documentation.GeneratedCode);
        w.Line($"public global::NetGen.GradientExplanation {GeneratedMembers.Explain}({plan.ReadOnlySpan} input, {plan.ReadOnlySpan} target, string parameterName) =>");
        w.Line($"    global::NetGen.GradientExplanation.Explain<{T}>(this, input, target, parameterName);");
        w.Line();
    }
}
