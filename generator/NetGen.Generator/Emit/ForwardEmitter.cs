using System;
using System.Linq;
using NetGen.Generator.Emit.Layers;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit;

/// <summary>Writes Forward: the flat overload, and with several inputs or outputs the overload with one span per input
/// and output (named after them) and the core both call.</summary>
internal static class ForwardEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var f = NumericForm.Scalar(plan);
        bool single = plan.IsSingleInputOutput;
        string what = single ? $"the network's output a{plan.Outputs[0].Layer.Number} for one input a0" : "the network's outputs for one example";
        w.Doc($"<summary>Computes {what}, layer by layer.</summary>");
        w.Doc(single
            ? $"<param name=\"input\">The {Documentation.Count(plan.InputCount, "input value")}.</param>"
            : $"<param name=\"input\">The {Documentation.Count(plan.InputCount, "input value")}: {string.Join(", ", plan.Inputs.Select(i => $"{CSharpText.Xml(i.Name)} ({i.Size})"))}, one after the other.</param>");
        w.Doc(single
            ? $"<param name=\"output\">Receives the {Documentation.Count(plan.OutputCount, "output value")}.</param>"
            : $"<param name=\"output\">Receives the {Documentation.Count(plan.OutputCount, "output value")}: {string.Join(", ", plan.Outputs.Select(o => $"{CSharpText.Xml(o.Layer.Name)} ({o.Layer.Size})"))}, one after the other.</param>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">A span's length is not InputCount or OutputCount.</exception>");
        w.Line(Documentation.GeneratedCode);
        using (w.Block($"public void {GeneratedMembers.Forward}({plan.ReadOnlySpan} input, {plan.Span} output)"))
        {
            w.Line($"global::NetGen.NetworkGuard.CheckLength(input.Length, {GeneratedMembers.InputCount}, \"input\");");
            w.Line($"global::NetGen.NetworkGuard.CheckLength(output.Length, {GeneratedMembers.OutputCount}, \"output\");");
            if (single)
            {
                w.Line($"{plan.ReadOnlySpan} a0 = input;");
                EmitForwardPass(w, f, layer => layer.Output is not null ? "output" : null);
            }
            else
            {
                string inputs = string.Join(", ", plan.Inputs.Select(i => $"input.Slice({i.Offset}, {i.Size})"));
                string outputs = string.Join(", ", plan.Outputs.Select(o => $"output.Slice({o.Offset}, {o.Layer.Size})"));
                w.Line($"{GeneratedMembers.ForwardCore}({inputs}, {outputs});");
            }
        }
        w.Line();
        if (single) return;

        w.Doc("<summary>Computes the network's outputs for one example, with one span per input and per output.</summary>");
        foreach (InputPlan input in plan.Inputs)
            w.Doc($"<param name=\"{CSharpText.Unescaped(input.ParameterName)}\">The {Documentation.Count(input.Size, "value")} of the input '{CSharpText.Xml(input.Name)}'.</param>");
        foreach (OutputPlan output in plan.Outputs)
            w.Doc($"<param name=\"{CSharpText.Unescaped(output.ParameterName)}\">Receives the {Documentation.Count(output.Layer.Size, "value")} of the output '{CSharpText.Xml(output.Layer.Name)}'.</param>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">A span's length is not the size of its input or output.</exception>");
        w.Line(Documentation.GeneratedCode);
        string parameters = string.Join(", ", plan.Inputs.Select(i => $"{plan.ReadOnlySpan} {i.ParameterName}")
            .Concat(plan.Outputs.Select(o => $"{plan.Span} {o.ParameterName}")));
        using (w.Block($"public void {GeneratedMembers.Forward}({parameters})"))
        {
            // The parameters have the user's names, which may be those of members: members are reached through this.
            foreach (InputPlan input in plan.Inputs)
                w.Line($"global::NetGen.NetworkGuard.CheckLength({input.ParameterName}.Length, {input.Size}, {CSharpText.StringLiteral(CSharpText.Unescaped(input.ParameterName))});");
            foreach (OutputPlan output in plan.Outputs)
                w.Line($"global::NetGen.NetworkGuard.CheckLength({output.ParameterName}.Length, {output.Layer.Size}, {CSharpText.StringLiteral(CSharpText.Unescaped(output.ParameterName))});");
            w.Line($"this.{GeneratedMembers.ForwardCore}({string.Join(", ", plan.Inputs.Select(i => i.ParameterName).Concat(plan.Outputs.Select(o => o.ParameterName)))});");
        }
        w.Line();

        string core = string.Join(", ", plan.Inputs.Select(i => $"{plan.ReadOnlySpan} {i.Symbol}")
            .Concat(plan.Outputs.Select(o => $"{plan.Span} a{o.Layer.Number}")));
        using (w.Block($"private void {GeneratedMembers.ForwardCore}({core})"))
            EmitForwardPass(w, f, layer => layer.Output is not null ? $"a{layer.Number}" : null);
        w.Line();
    }

    /// <summary>The forward pass over spans named after the nodes: each layer's z and a in the working memory, an output
    /// layer's a in its output span (<paramref name="outputSpan"/> gives it, or null).</summary>
    private static void EmitForwardPass(SourceWriter w, NumericForm f, Func<LayerPlan, string?> outputSpan)
    {
        using (WorkspaceEmitter.Open(w, f, f.Plan.ForwardWorkspace))
        {
            foreach (LayerPlan layer in f.Plan.Layers)
                w.Line(LayerEmitter.ForwardCall(f, layer, outputSpan(layer) ?? $"a{layer.Number}") + ";");
        }
    }
}
