using NetGen.Generator.Text;

namespace NetGen.Generator.Emit;

/// <summary>Small pieces of documentation text the emitters share.</summary>
internal static class Documentation
{
    /// <summary>A number and its noun, singular for one: "1 input", "2 inputs".</summary>
    public static string Count(int count, string noun) => NumberText.Int(count) + " " + noun + (count == 1 ? "" : "s");

    /// <summary>A type as a cref writes it (List{T} for List&lt;T&gt;).</summary>
    public static string Cref(string type) => type.Replace("<", "{").Replace(">", "}");

    /// <summary>The [GeneratedCode] attribute of every generated member, with the generator's version.</summary>
    public static string GeneratedCode { get; } =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"{typeof(Documentation).Assembly.GetName().Version?.ToString() ?? "0.0.0.0"}\")]";

    /// <summary>The thread-safety paragraph of the class and of its members that change the parameters.</summary>
    public const string ThreadSafety =
        "<para>Thread safety: <c>Forward</c>, <c>Backward</c> and <c>Explain</c> may run on several threads at once on one instance "
        + "while nothing changes its parameters (each call has its own working memory, and Backward adds only into the gradient "
        + "it is given). <c>Step</c>, <c>TrainBatch</c> and <c>InitializeParameters</c> change the parameters: call them from one "
        + "thread at a time, with no other member running; a second concurrent call of one of them throws "
        + "<see cref=\"global::System.InvalidOperationException\"/> instead of corrupting the parameters.</para>";
}
