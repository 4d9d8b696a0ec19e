using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;

namespace NetGen.Benchmarks;

/// <summary>
/// What a network costs at build time: running the NetGen generator on one declaration (a fresh
/// <see cref="CSharpGeneratorDriver"/>, so nothing is cached), and compiling — <c>Emit</c> of a Release compilation to
/// IL in memory — the declaration together with the generated code. Each invocation starts from a
/// <see cref="Compilation.Clone"/>, which drops the bound symbols, so the compiler binds everything again; the parsed
/// reference assemblies stay cached, as they do in the compiler server.
/// </summary>
[Config(typeof(NetGenConfig))]
public class GeneratorBenchmarks
{
    /// <summary>The declarations, by name: the MNIST-sized networks, and the largest loop-form networks the generator
    /// accepts, whose cost must follow the size of the code written (a few loops), not the size of the layers: a
    /// 20-million-input layer, a sum of two 33-million-value inputs (99 million values, near NG0027's limit), and a
    /// million-neuron layer.</summary>
    public static readonly IReadOnlyDictionary<string, string> Declarations = new Dictionary<string, string>
    {
        ["784-16-16-10"] = Declaration(784, 16, 16, 10),
        ["784-128-10"] = Declaration(784, 128, 10),
        ["784-300-100-10"] = Declaration(784, 300, 100, 10),
        ["20M-1"] = Declaration(20_000_000, 1),
        ["1-1M-1"] = Declaration(1, 1_000_000, 1),
        ["Add of 2×33M"] = "using NetGen;\n\nnamespace Bench;\n\n[Network]\n[Input(\"a\", 33000000)]\n[Input(\"b\", 33000000)]\n[Add(\"sum\", \"a\", \"b\")]\n" +
            "[Dense(1, Activation.Identity, From = new[] { \"sum\" })]\npublic partial class Net { }\n",
    };

    private static readonly ImmutableArray<MetadataReference> s_references =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)];

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _declaration = null!;
    private Compilation _withGenerated = null!;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "";

    public static IEnumerable<string> Networks => Declarations.Keys;

    [GlobalSetup]
    public void Setup()
    {
        _declaration = CreateCompilation(Declarations[Network]);
        _withGenerated = GenerateInto(_declaration, out _);
    }

    /// <summary>The generator alone: find the attributes, build the model, validate, emit and parse the generated file.</summary>
    [Benchmark]
    public GeneratorDriver Generate() =>
        CreateDriver().RunGenerators(_declaration.Clone());

    /// <summary>The C# compiler on the declaration plus the generated code, to IL in memory.</summary>
    [Benchmark]
    public bool Compile()
    {
        using var stream = new MemoryStream();
        return _withGenerated.Clone().Emit(stream).Success;
    }

    /// <summary>A compilation of <paramref name="source"/> as a Release class library against .NET 10 and NetGen.</summary>
    public static CSharpCompilation CreateCompilation(string source) =>
        CSharpCompilation.Create(
            "GeneratedNetwork",
            [CSharpSyntaxTree.ParseText(source, s_parseOptions, "Network.cs")],
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the generator on <paramref name="compilation"/> and returns the compilation with the generated trees,
    /// and the generated text.</summary>
    public static Compilation GenerateInto(CSharpCompilation compilation, out string generated)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        generated = string.Concat(output.SyntaxTrees.Skip(compilation.SyntaxTrees.Length).Select(t => t.ToString()));
        Diagnostic[] problems = [.. diagnostics, .. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        if (problems.Length > 0)
            throw new System.InvalidOperationException("The generated network does not compile cleanly:\n" + string.Join("\n", problems.Select(d => d.ToString())));
        return output;
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new NetGenGenerator().AsSourceGenerator()], parseOptions: s_parseOptions);

    private static string Declaration(int inputs, params int[] layers) =>
        "using NetGen;\n\nnamespace Bench;\n\n" +
        $"[Network(Inputs = {inputs})]\n" +
        string.Concat(layers.Select(size => $"[Dense({size}, Activation.Sigmoid)]\n")) +
        "public partial class Net { }\n";
}
