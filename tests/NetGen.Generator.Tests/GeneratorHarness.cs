using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>One run of the generator over an in-memory compilation, and what came out of it.</summary>
/// <param name="Driver">The driver after the run; run it again on an edited compilation to test caching.</param>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Output">The input plus the generated trees.</param>
/// <param name="DriverDiagnostics">What the driver itself reports, e.g. CS8785 when the generator throws.</param>
internal sealed record GeneratorRun(GeneratorDriver Driver, CSharpCompilation Input, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public GeneratorDriverRunResult RunResult => Driver.GetRunResult();

    /// <summary>The single generator's result (NetGen is the only generator in the driver).</summary>
    public GeneratorRunResult Result => RunResult.Results[0];

    /// <summary>Generated files by hint name, text with the generator's own line endings.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The diagnostics the generator reported (NG0001...), not the compiler's.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Everything the compiler reports on the output compilation: user code plus generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => Output.GetDiagnostics();

    /// <summary>The text of the only generated file; fails if there is not exactly one.</summary>
    public string SingleSource => Xunit.Assert.Single(Result.GeneratedSources).SourceText.ToString();
}

/// <summary>
/// Builds a compilation from source text against the .NET 10 reference assemblies and the NetGen runtime, and runs
/// <see cref="NetGenGenerator"/> on it with step tracking on, the way the IDE would.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>Parse options close to a real project's: latest C#, and XML docs parsed and checked (as with
    /// GenerateDocumentationFile), so that a malformed doc comment in generated code shows up as a warning.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>Nullable on and every warning level enabled, so that generated code is held to the strictest settings.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithWarningLevel(9999)
            .WithAllowUnsafe(false);

    private static readonly ImmutableArray<MetadataReference> s_references =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(NetGen.NetworkAttribute).Assembly.Location)];

    /// <summary>The usings every test source starts with, so that a declaration reads as in a real project.</summary>
    public const string Usings = "using NetGen;\n";

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "NetGenTests",
            sources.Select((text, i) => Parse(text, $"Source{i}.cs")),
            s_references,
            CompilationOptions);

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new NetGenGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs a fresh driver over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));

    /// <summary>Runs <paramref name="driver"/> (which may hold the cache of an earlier run) over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        return new GeneratorRun(driver, compilation, output, driverDiagnostics);
    }

    /// <summary>Diagnostics of severity Warning or Error, which no generated file may cause.</summary>
    public static IEnumerable<Diagnostic> WarningsAndErrors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);

    /// <summary>One line per diagnostic, for failure messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => d.ToString()));
}
