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
            w.Line($"{GeneratedMembers.ForwardRow}(input, output);");
        }
        w.Line();

        EmitForwardBatch(w, plan);

        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private void {GeneratedMembers.ForwardRow}({plan.ReadOnlySpan} input, {plan.Span} output)"))
        {
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

    /// <summary>ForwardBatch: rows of inputs to rows of outputs, Vector&lt;T&gt;.Count rows at a time in SIMD lanes where the
    /// network takes the lane form, the remaining rows one by one.</summary>
    private static void EmitForwardBatch(SourceWriter w, NetworkPlan plan)
    {
        w.Doc("<summary>Computes the outputs of a batch of examples: rows of InputCount inputs in, rows of OutputCount outputs out, each row\n"
            + "exactly what <see cref=\"Forward(" + Documentation.Cref(plan.ReadOnlySpan) + ", " + Documentation.Cref(plan.Span) + ")\"/> gives for it"
            + (plan.UsesLanes ? ", Vector&lt;T&gt;.Count rows at a time in SIMD lanes." : ".") + "</summary>");
        w.Doc($"<param name=\"inputs\">Rows of InputCount ({plan.InputCount}) values, one row per example.</param>");
        w.Doc($"<param name=\"outputs\">Receives rows of OutputCount ({plan.OutputCount}) values, as many rows as <paramref name=\"inputs\"/>.</param>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">The inputs are not a non-zero multiple of InputCount, or the outputs are not as many rows of OutputCount.</exception>");
        w.Line(Documentation.GeneratedCode);
        using (w.Block($"public void {GeneratedMembers.ForwardBatch}({plan.ReadOnlySpan} inputs, {plan.Span} outputs)"))
        {
            w.Line($"int rows = global::NetGen.NetworkGuard.CheckForwardBatch(inputs.Length, outputs.Length, {GeneratedMembers.InputCount}, {GeneratedMembers.OutputCount});");
            w.Line("int r = 0;");
            if (plan.UsesLanes)
            {
                w.Line($"int width = global::System.Numerics.Vector<{plan.T}>.Count;");
                using (w.Block("if (global::System.Numerics.Vector.IsHardwareAccelerated)"))
                using (w.Block("for (; r + width <= rows; r += width)"))
                    w.Line($"{GeneratedMembers.ForwardLanes}(inputs.Slice(r * {GeneratedMembers.InputCount}, width * {GeneratedMembers.InputCount}), outputs.Slice(r * {GeneratedMembers.OutputCount}, width * {GeneratedMembers.OutputCount}));");
            }
            using (w.Block("for (; r < rows; r++)"))
                w.Line($"{GeneratedMembers.ForwardRow}(inputs.Slice(r * {GeneratedMembers.InputCount}, {GeneratedMembers.InputCount}), outputs.Slice(r * {GeneratedMembers.OutputCount}, {GeneratedMembers.OutputCount}));");
        }
        w.Line();
    }

    /// <summary>The lane form of the forward pass, for ForwardBatch: Vector&lt;T&gt;.Count rows moved into lanes, the layers'
    /// lane methods, the outputs moved back into rows.</summary>
    public static void EmitForwardLanes(SourceWriter w, NetworkPlan plan)
    {
        var f = NumericForm.Lanes(plan);
        string V = f.Type;
        using (w.Block($"private void {GeneratedMembers.ForwardLanes}({plan.ReadOnlySpan} inputs, {plan.Span} outputs)"))
        {
            string x = plan.IsSingleInputOutput ? "a0" : "x";
            w.Line($"{f.Span} {x} = stackalloc {V}[{GeneratedMembers.InputCount}];");
            w.Line($"{f.Span} y = stackalloc {V}[{GeneratedMembers.OutputCount}];");
            w.Line($"global::NetGen.Lanes.Transpose<{plan.T}>(inputs, {GeneratedMembers.InputCount}, {x});");
            if (!plan.IsSingleInputOutput)
                foreach (InputPlan input in plan.Inputs)
                    w.Line($"{f.ReadOnlySpan} {input.Symbol} = {x}.Slice({input.Offset}, {input.Size});");
            foreach (LayerPlan layer in plan.Layers)
            {
                if (layer.HasZ) w.Line($"{f.Span} z{layer.Number} = stackalloc {V}[{layer.Size}];");
                string a = layer.Output is OutputPlan output ? $"y.Slice({output.Offset}, {layer.Size})" : $"a{layer.Number}";
                if (layer.Output is null) w.Line($"{f.Span} a{layer.Number} = stackalloc {V}[{layer.Size}];");
                else w.Line($"{f.Span} a{layer.Number} = {a};");
            }
            foreach (LayerPlan layer in plan.Layers)
                w.Line(LayerEmitter.ForwardCall(f, layer, $"a{layer.Number}") + ";");
            w.Line($"global::NetGen.Lanes.Untranspose<{plan.T}>(y, outputs);");
        }
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
