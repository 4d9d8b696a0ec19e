using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>Writes the gradient-descent step and TrainBatch: the rows of a batch summed into a gradient (in lanes, one
/// by one, or split over cores), then one step θ ← θ − η·(g / n).</summary>
internal static class TrainingEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        string T = plan.T;
        w.Doc("<summary>One step of gradient descent: θ ← θ − η·g for every parameter θ.</summary>");
        w.Doc("<param name=\"gradient\">The gradient g, ParameterCount values in the layout of <see cref=\"Parameters\"/>.</param>");
        w.Doc("<param name=\"learningRate\">The step size η: finite and not negative.</param>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">The gradient's length is not ParameterCount.</exception>");
        w.Doc("<exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is negative, infinite or NaN.</exception>");
        w.Doc("<exception cref=\"global::System.InvalidOperationException\">Another thread is changing this instance's parameters.</exception>");
        w.Line(Documentation.GeneratedCode);
        using (w.Block($"public void {GeneratedMembers.Step}({plan.ReadOnlySpan} gradient, {T} learningRate)"))
        {
            w.Line($"global::NetGen.NetworkGuard.CheckLength(gradient.Length, {GeneratedMembers.ParameterCount}, \"gradient\");");
            w.Line("global::NetGen.NetworkGuard.CheckLearningRate(learningRate, \"learningRate\");");
            using (Exclusive(w, GeneratedMembers.Step))
            {
                w.Line("// θ_i ← θ_i + (−η)·g_i for every i, several at a time in SIMD lanes.");
                w.Line($"global::NetGen.Kernels.AddScaled({GeneratedMembers.ParameterArray}, gradient, -learningRate);");
            }
        }
        w.Line();

        w.Doc("<summary>The batch size from which <c>TrainBatch</c> splits its rows over several cores: below it, starting\nthreads costs more than it saves. About 10⁶ multiply-adds of work per batch, measured on a 2-core machine.</summary>");
        w.Line($"public const int {GeneratedMembers.ParallelBatchThreshold} = {plan.ParallelBatchThreshold};");
        w.Line();
        w.Doc("<summary>How many cores <c>TrainBatch</c> may use for a batch of at least <see cref=\"ParallelBatchThreshold\"/> rows;\n1 keeps it on the calling thread. The result depends on the number of cores used only by float rounding.</summary>");
        w.Line(Documentation.GeneratedCode);
        w.Line($"public int {GeneratedMembers.MaxDegreeOfParallelism} {{ get; set; }} = global::System.Environment.ProcessorCount;");
        w.Line();
        w.Line($"private global::NetGen.BatchScratch<{T}>[]? {GeneratedMembers.Scratch};");
        w.Line($"private global::NetGen.RowsAccumulator<{T}>? {GeneratedMembers.RowsWorker};");
        w.Line();
        w.Doc("<summary>Trains on one batch of examples: averages their gradients (the gradient of the mean cost),\ntakes one step θ ← θ − η·g and returns the mean cost before the step.</summary>");
        w.Doc($"<param name=\"inputs\">Rows of InputCount ({plan.InputCount}) values, one row per example.</param>");
        w.Doc($"<param name=\"targets\">Rows of OutputCount ({plan.OutputCount}) values, as many rows as <paramref name=\"inputs\"/>.</param>");
        w.Doc("<param name=\"learningRate\">The step size η: finite and not negative.</param>");
        w.Doc("<returns>The mean cost of the batch, before the step.</returns>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">The inputs are not a non-zero multiple of InputCount, or the targets do not have as many rows.</exception>");
        w.Doc("<exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is negative, infinite or NaN.</exception>");
        w.Doc("<exception cref=\"global::System.InvalidOperationException\">Another thread is changing this instance's parameters.</exception>");
        w.Line(Documentation.GeneratedCode);
        using (w.Block($"public {T} {GeneratedMembers.TrainBatch}({plan.ReadOnlySpan} inputs, {plan.ReadOnlySpan} targets, {T} learningRate)"))
        {
            w.Line($"int rows = global::NetGen.NetworkGuard.CheckBatch(inputs.Length, targets.Length, {GeneratedMembers.InputCount}, {GeneratedMembers.OutputCount});");
            w.Line("global::NetGen.NetworkGuard.CheckLearningRate(learningRate, \"learningRate\");");
            using (Exclusive(w, GeneratedMembers.TrainBatch))
            {
                w.Line($"{T} cost = {GeneratedMembers.SumBatch}(inputs, targets, rows);");
                w.Line("// The gradient of the mean cost is the mean of the examples' gradients: θ ← θ − η·(g / n), in SIMD lanes.");
                w.Line($"{T} count = rows;");
                w.Line($"global::NetGen.Kernels.AddScaled({GeneratedMembers.ParameterArray}, {GeneratedMembers.Scratch}![0].Gradient, -learningRate / count);");
                w.Line("return cost / count;");
            }
        }
        w.Line();

        w.Doc("<summary>Trains on one batch of examples with <paramref name=\"optimizer\"/>: averages their gradients (the gradient of\nthe mean cost), hands the mean gradient to <c>optimizer.Step(Parameters, gradient)</c> and returns the mean cost before\nthe step. With <see cref=\"global::NetGen.Sgd{T}\"/> and no momentum or weight decay this is the step of the other overload.</summary>");
        w.Doc($"<param name=\"inputs\">Rows of InputCount ({plan.InputCount}) values, one row per example.</param>");
        w.Doc($"<param name=\"targets\">Rows of OutputCount ({plan.OutputCount}) values, as many rows as <paramref name=\"inputs\"/>.</param>");
        w.Doc("<param name=\"optimizer\">The update rule, made for ParameterCount parameters; it keeps its own state (moments, step count).</param>");
        w.Doc("<returns>The mean cost of the batch, before the step.</returns>");
        w.Doc("<exception cref=\"global::System.ArgumentNullException\"><paramref name=\"optimizer\"/> is null.</exception>");
        w.Doc("<exception cref=\"global::System.ArgumentException\">The inputs are not a non-zero multiple of InputCount, the targets do not have as many rows, or the optimizer is made for another number of parameters.</exception>");
        w.Doc("<exception cref=\"global::System.InvalidOperationException\">Another thread is changing this instance's parameters.</exception>");
        w.Line(Documentation.GeneratedCode);
        using (w.Block($"public {T} {GeneratedMembers.TrainBatch}({plan.ReadOnlySpan} inputs, {plan.ReadOnlySpan} targets, global::NetGen.IOptimizer<{T}> optimizer)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(optimizer);");
            w.Line($"int rows = global::NetGen.NetworkGuard.CheckBatch(inputs.Length, targets.Length, {GeneratedMembers.InputCount}, {GeneratedMembers.OutputCount});");
            using (Exclusive(w, GeneratedMembers.TrainBatch))
            {
                w.Line($"{T} cost = {GeneratedMembers.SumBatch}(inputs, targets, rows);");
                w.Line($"{T}[] gradient = {GeneratedMembers.Scratch}![0].Gradient;");
                w.Line($"{T} count = rows;");
                w.Line("// g ← g / n, the gradient of the mean cost, then the optimizer's update of θ from it.");
                w.Line($"global::NetGen.Kernels.Scale(gradient, {plan.Literal(1)} / count);");
                w.Line($"optimizer.Step({GeneratedMembers.ParameterArray}, gradient);");
                w.Line("return cost / count;");
            }
        }
        w.Line();

        w.Doc("<summary>Sums the gradients of a batch's rows into the first worker's scratch gradient (on one core, or split over\nseveral with the parts added in worker order) and returns the summed cost.</summary>");
        using (w.Block($"private {T} {GeneratedMembers.SumBatch}({plan.ReadOnlySpan} inputs, {plan.ReadOnlySpan} targets, int rows)"))
        {
            w.Line($"int workers = global::NetGen.ParallelBatch.Workers(rows, {GeneratedMembers.ParallelBatchThreshold}, {GeneratedMembers.MaxDegreeOfParallelism});");
            w.Line($"global::NetGen.BatchScratch<{T}>[] scratch = global::NetGen.BatchScratch<{T}>.ForWorkers(ref {GeneratedMembers.Scratch}, workers, {GeneratedMembers.ParameterCount}, lanes: {(plan.UsesLanes ? "true" : "false")});");
            using (w.Block("if (workers == 1)"))
            {
                w.Line("global::System.Array.Clear(scratch[0].Gradient);");
                w.Line($"return {GeneratedMembers.AccumulateRows}(inputs, targets, scratch[0]);");
            }
            w.Line("// Each worker sums the gradient of its contiguous part of the rows; the parts are added in worker order.");
            w.Line($"{T} cost = global::NetGen.ParallelBatch.Run(inputs, targets, {GeneratedMembers.InputCount}, {GeneratedMembers.OutputCount}, workers, {GeneratedMembers.RowsWorker} ??= {GeneratedMembers.AccumulateWorker});");
            using (w.Block("for (int worker = 1; worker < workers; worker++)"))
                w.Line($"global::NetGen.Kernels.AddScaled(scratch[0].Gradient, scratch[worker].Gradient, {plan.Literal(1)});");
            w.Line("return cost;");
        }
        w.Line();

        using (w.Block($"private {T} {GeneratedMembers.AccumulateWorker}({plan.ReadOnlySpan} inputs, {plan.ReadOnlySpan} targets, int worker)"))
        {
            w.Line($"global::NetGen.BatchScratch<{T}> scratch = {GeneratedMembers.Scratch}![worker];");
            w.Line("global::System.Array.Clear(scratch.Gradient);");
            w.Line($"return {GeneratedMembers.AccumulateRows}(inputs, targets, scratch);");
        }
        w.Line();

        w.Doc("<summary>Adds the gradient of every row into <paramref name=\"scratch\"/>'s gradient and returns the summed cost."
            + (plan.UsesLanes ? "\nRows go through the lane form Vector&lt;T&gt;.Count at a time, the rest one by one.</summary>" : "</summary>"));
        using (w.Block($"private {T} {GeneratedMembers.AccumulateRows}({plan.ReadOnlySpan} inputs, {plan.ReadOnlySpan} targets, global::NetGen.BatchScratch<{T}> scratch)"))
        {
            w.Line($"int rows = inputs.Length / {GeneratedMembers.InputCount};");
            w.Line($"{T}[] gradient = scratch.Gradient;");
            w.Line($"{T} cost = {plan.Literal(0)};");
            w.Line("int r = 0;");
            if (plan.UsesLanes)
            {
                w.Line($"int width = global::System.Numerics.Vector<{T}>.Count;");
                using (w.Block("if (global::System.Numerics.Vector.IsHardwareAccelerated && rows >= width)"))
                {
                    w.Line($"global::System.Span<global::System.Numerics.Vector<{T}>> laneGradient = scratch.LaneGradient;");
                    w.Line("laneGradient.Clear();");
                    using (w.Block("for (; r + width <= rows; r += width)"))
                        w.Line($"cost += {GeneratedMembers.AccumulateLanes}(inputs.Slice(r * {GeneratedMembers.InputCount}, width * {GeneratedMembers.InputCount}), targets.Slice(r * {GeneratedMembers.OutputCount}, width * {GeneratedMembers.OutputCount}), laneGradient);");
                    w.Line("global::NetGen.Lanes.AddSums<" + T + ">(laneGradient, gradient);");
                }
            }
            using (w.Block("for (; r < rows; r++)"))
                w.Line($"cost += {GeneratedMembers.Accumulate}(inputs.Slice(r * {GeneratedMembers.InputCount}, {GeneratedMembers.InputCount}), targets.Slice(r * {GeneratedMembers.OutputCount}, {GeneratedMembers.OutputCount}), gradient);");
            w.Line("return cost;");
        }
        w.Line();
    }

    /// <summary>Enters the member <paramref name="member"/>, which changes the parameters, for the block written until the
    /// result is disposed: a second concurrent call throws instead of corrupting them (ExclusiveUse), released in finally.</summary>
    public static System.IDisposable Exclusive(SourceWriter w, string member)
    {
        w.Line($"global::NetGen.ExclusiveUse.Enter(ref {GeneratedMembers.Exclusive}, \"{member}\");");
        System.IDisposable body = w.Block("try");
        return new ExclusiveScope(w, body);
    }

    private sealed class ExclusiveScope(SourceWriter w, System.IDisposable body) : System.IDisposable
    {
        public void Dispose()
        {
            body.Dispose();
            using (w.Block("finally"))
                w.Line($"global::NetGen.ExclusiveUse.Exit(ref {GeneratedMembers.Exclusive});");
        }
    }

    /// <summary>The lane form of Accumulate: the same forward and backward pass for Vector&lt;T&gt;.Count rows at once.</summary>
    public static void EmitAccumulateLanes(SourceWriter w, NetworkPlan plan)
    {
        var f = NumericForm.Lanes(plan);
        string V = f.Type;
        using (w.Block($"private {plan.T} {GeneratedMembers.AccumulateLanes}({plan.ReadOnlySpan} inputs, {plan.ReadOnlySpan} targets, {f.Span} gradient)"))
        {
            string x = plan.IsSingleInputOutput ? "a0" : "x", y = plan.Outputs.Count == 1 ? "y" : "targetLanes";
            w.Line($"{f.Span} {x} = stackalloc {V}[{GeneratedMembers.InputCount}];");
            w.Line($"{f.Span} {y} = stackalloc {V}[{GeneratedMembers.OutputCount}];");
            w.Line($"global::NetGen.Lanes.Transpose<{plan.T}>(inputs, {GeneratedMembers.InputCount}, {x});");
            w.Line($"global::NetGen.Lanes.Transpose<{plan.T}>(targets, {GeneratedMembers.OutputCount}, {y});");
            if (!plan.IsSingleInputOutput)
                foreach (InputPlan input in plan.Inputs)
                    w.Line($"{f.ReadOnlySpan} {input.Symbol} = {x}.Slice({input.Offset}, {input.Size});");
            if (plan.Outputs.Count > 1)
                foreach (OutputPlan output in plan.Outputs)
                    w.Line($"{f.ReadOnlySpan} {output.TargetSymbol} = {y}.Slice({output.Offset}, {output.Layer.Size});");
            BackwardEmitter.EmitTrainingPass(w, f);
            w.Line("return global::System.Numerics.Vector.Sum(cost);");
        }
        w.Line();
    }
}
