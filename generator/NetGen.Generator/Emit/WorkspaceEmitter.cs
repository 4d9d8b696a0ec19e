using System;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit;

/// <summary>
/// Declares the spans of a pass's <see cref="Workspace"/>: one stackalloc per span while the whole fits
/// <see cref="Workspace.StackBytes"/>, else one array rented from the shared pool for the call, sliced into the spans and
/// returned in a finally block. The lane form always runs on the stack (the plan keeps it small).
/// </summary>
internal static class WorkspaceEmitter
{
    /// <summary>Writes the declarations; dispose the result after the pass's code to close the rented case's try/finally.</summary>
    public static IDisposable Open(SourceWriter w, NumericForm f, Workspace work)
    {
        if (work.Buffers.Count == 0) return new Nothing();
        if (f.IsLanes || work.OnStack)
        {
            foreach (WorkBuffer buffer in work.Buffers)
                w.Line($"{f.Span} {buffer.Name} = stackalloc {f.Type}[{NumberText.Int(buffer.Length)}];");
            return new Nothing();
        }
        string T = f.Type, pool = $"global::System.Buffers.ArrayPool<{T}>.Shared";
        w.Line($"// Working memory for {NumberText.Int(work.Length)} values, too many for the stack: one array from the shared pool, returned at the end.");
        w.Line($"{T}[] work = {pool}.Rent({NumberText.Int(work.Length)});");
        IDisposable block = w.Block("try");
        foreach (WorkBuffer buffer in work.Buffers)
            w.Line($"{f.Span} {buffer.Name} = new {f.Span}(work, {NumberText.Int(buffer.Offset)}, {NumberText.Int(buffer.Length)});");
        return new Rented(w, block, pool);
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }

    private sealed class Rented(SourceWriter w, IDisposable block, string pool) : IDisposable
    {
        public void Dispose()
        {
            block.Dispose();
            using (w.Block("finally"))
                w.Line($"{pool}.Return(work);");
        }
    }
}
