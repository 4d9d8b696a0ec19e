using System.Linq;
using NetGen.Generator.Emit.Layers;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit;

/// <summary>Writes Backward (flat and, with several inputs or outputs, named) and the training pass of one example that
/// it and TrainBatch run: forward keeping every z and a, the costs, then the layers' backward methods, last first.</summary>
internal static class BackwardEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        var f = NumericForm.Scalar(plan);
        string T = plan.T;
        bool single = plan.IsSingleInputOutput;
        w.Doc("<summary>Runs the forward pass for one example, returns its cost C and <b>adds</b> ∂C/∂θ for every parameter θ\ninto <paramref name=\"gradient\"/>, by the chain rule from the last layer back to the first.</summary>");
        w.Doc($"<param name=\"input\">The {Documentation.Count(plan.InputCount, "input value")}{(single ? " a0" : ", the inputs one after the other")}.</param>");
        w.Doc($"<param name=\"target\">The {Documentation.Count(plan.OutputCount, "desired output")}{(single ? " y" : ", the outputs' targets one after the other")}.</param>");
        w.Doc($"<param name=\"gradient\">ParameterCount ({plan.ParameterCount}) sums that ∂C/∂θ is added to, in the layout of <see cref=\"Parameters\"/>.</param>");
        w.Doc("<returns>The cost C of this example.</returns>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">A span's length is not InputCount, OutputCount or ParameterCount.</exception>");
        w.Line(Documentation.GeneratedCode);
        using (w.Block($"public {T} {GeneratedMembers.Backward}({plan.ReadOnlySpan} input, {plan.ReadOnlySpan} target, {plan.Span} gradient)"))
        {
            w.Line($"global::NetGen.NetworkGuard.CheckLength(input.Length, {GeneratedMembers.InputCount}, \"input\");");
            w.Line($"global::NetGen.NetworkGuard.CheckLength(target.Length, {GeneratedMembers.OutputCount}, \"target\");");
            w.Line($"global::NetGen.NetworkGuard.CheckLength(gradient.Length, {GeneratedMembers.ParameterCount}, \"gradient\");");
            w.Line($"return {GeneratedMembers.Accumulate}(input, target, gradient);");
        }
        w.Line();

        if (single)
        {
            using (w.Block($"private {T} {GeneratedMembers.Accumulate}({plan.ReadOnlySpan} a0, {plan.ReadOnlySpan} y, {plan.Span} gradient)"))
            {
                EmitTrainingPass(w, f);
                w.Line("return cost;");
            }
            w.Line();
            return;
        }

        w.Doc("<summary>Runs the forward pass for one example, returns its cost C and <b>adds</b> ∂C/∂θ into <paramref name=\"gradient\"/>,\nwith one span per input and per output's target.</summary>");
        foreach (InputPlan input in plan.Inputs)
            w.Doc($"<param name=\"{CSharpText.Unescaped(input.ParameterName)}\">The {Documentation.Count(input.Size, "value")} of the input '{CSharpText.Xml(input.Name)}'.</param>");
        foreach (OutputPlan output in plan.Outputs)
            w.Doc($"<param name=\"{CSharpText.Unescaped(output.ParameterName)}Target\">The {Documentation.Count(output.Layer.Size, "desired value")} of the output '{CSharpText.Xml(output.Layer.Name)}'.</param>");
        w.Doc($"<param name=\"gradient\">ParameterCount ({plan.ParameterCount}) sums that ∂C/∂θ is added to, in the layout of <see cref=\"Parameters\"/>.</param>");
        w.Doc("<returns>The cost C of this example: the weighted sum of the outputs' costs.</returns>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">A span's length is not the size of its input or output, or ParameterCount.</exception>");
        w.Line(Documentation.GeneratedCode);
        string parameters = string.Join(", ", plan.Inputs.Select(i => $"{plan.ReadOnlySpan} {i.ParameterName}")
            .Concat(plan.Outputs.Select(o => $"{plan.ReadOnlySpan} {TargetParameter(o)}"))
            .Append($"{plan.Span} gradient"));
        using (w.Block($"public {T} {GeneratedMembers.Backward}({parameters})"))
        {
            // The parameters have the user's names, which may be those of members: members are reached through this.
            foreach (InputPlan input in plan.Inputs)
                w.Line($"global::NetGen.NetworkGuard.CheckLength({input.ParameterName}.Length, {input.Size}, {CSharpText.StringLiteral(CSharpText.Unescaped(input.ParameterName))});");
            foreach (OutputPlan output in plan.Outputs)
                w.Line($"global::NetGen.NetworkGuard.CheckLength({TargetParameter(output)}.Length, {output.Layer.Size}, {CSharpText.StringLiteral(CSharpText.Unescaped(TargetParameter(output)))});");
            w.Line($"global::NetGen.NetworkGuard.CheckLength(gradient.Length, {NumberText.Int(plan.ParameterCount)}, \"gradient\");");
            w.Line($"return this.{GeneratedMembers.AccumulateCore}({string.Join(", ", plan.Inputs.Select(i => i.ParameterName).Concat(plan.Outputs.Select(TargetParameter)))}, gradient);");
        }
        w.Line();

        using (w.Block($"private {T} {GeneratedMembers.Accumulate}({plan.ReadOnlySpan} input, {plan.ReadOnlySpan} target, {plan.Span} gradient)"))
        {
            string inputs = string.Join(", ", plan.Inputs.Select(i => $"input.Slice({i.Offset}, {i.Size})"));
            string targets = string.Join(", ", plan.Outputs.Select(o => $"target.Slice({o.Offset}, {o.Layer.Size})"));
            w.Line($"return {GeneratedMembers.AccumulateCore}({inputs}, {targets}, gradient);");
        }
        w.Line();

        string core = string.Join(", ", plan.Inputs.Select(i => $"{plan.ReadOnlySpan} {i.Symbol}")
            .Concat(plan.Outputs.Select(o => $"{plan.ReadOnlySpan} {o.TargetSymbol}"))
            .Append($"{plan.Span} gradient"));
        using (w.Block($"private {T} {GeneratedMembers.AccumulateCore}({core})"))
        {
            EmitTrainingPass(w, f);
            w.Line("return cost;");
        }
        w.Line();
    }

    /// <summary>An output's target span in the named Backward overload: its parameter name with Target after it.</summary>
    private static string TargetParameter(OutputPlan output) => CSharpText.EscapeKeyword(CSharpText.Unescaped(output.ParameterName) + "Target");

    /// <summary>The forward pass, the costs and the backward pass of one example (or one lane vector of examples), over
    /// input spans named after the input symbols and target spans y / y{l}; leaves the total in a local named cost.</summary>
    public static void EmitTrainingPass(SourceWriter w, NumericForm f)
    {
        NetworkPlan plan = f.Plan;
        w.Line($"{f.Type} cost;");
        using (WorkspaceEmitter.Open(w, f, plan.TrainingWorkspace))
        {
            w.Line("// Forward pass, keeping every z and a for the backward pass.");
            foreach (LayerPlan layer in plan.Layers)
                w.Line(LayerEmitter.ForwardCall(f, layer, $"a{layer.Number}") + ";");
            w.Line();
            w.Line(plan.Outputs.Count == 1
                ? $"// The cost, and its sensitivity {(plan.Outputs[0].GivesDz ? "∂C/∂z" : "∂C/∂a")}{plan.Outputs[0].Layer.Number} to the output layer."
                : "// The total cost Σ_o weight_o·C_o, and each output's sensitivity to its layer.");
            bool first = true;
            foreach (OutputPlan output in plan.Outputs)
            {
                LayerPlan layer = output.Layer;
                string arguments = (output.GivesDz ? $"z{layer.Number}, " : "") + $"a{layer.Number}, {output.TargetSymbol}, {layer.CostSpan}";
                w.Line($"{(first ? "cost =" : "cost +=")} {output.CostMethod}{f.Suffix}({arguments});");
                first = false;
            }
            w.Line();
            w.Line("// Backward pass, last layer first: each layer sums ∂C/∂a over its paths to the cost, turns it into ∂C/∂z,");
            w.Line("// adds its weights' and biases' gradients and keeps ∂C/∂z for the layers it reads.");
            foreach (LayerPlan layer in plan.Layers.Where(l => l.ScatterSpan is not null))
                w.Line($"{layer.ScatterSpan}.Clear();   // ∂C/∂a{layer.Number} from the convolutions and pools that read it, added up as they run");
            for (int l = plan.Layers.Count - 1; l >= 0; l--)
            {
                LayerPlan layer = plan.Layers[l];
                if (layer.HasBackward) w.Line(LayerEmitter.BackwardCall(f, layer) + ";");
            }
        }
    }
}
