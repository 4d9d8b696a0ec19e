using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Every diagnostic has its documentation page (docs/diagnostics/NG####.md): the page exists, its title names the ID,
/// its wrong example makes the generator report exactly that ID and its right example compiles cleanly; the descriptor's
/// help link points at the page; the analyzer release files list exactly the descriptors' IDs.
/// </summary>
public sealed partial class DiagnosticDocsTests
{
    private const string HelpLinkBase = "docs/diagnostics/";

    /// <summary>The generator's descriptor table, read by reflection (it is internal), in ID order.</summary>
    private static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = LoadDescriptors();

    public static TheoryData<string> Ids => new(Descriptors.Select(d => d.Id));

    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void The_table_holds_every_descriptor_field()
    {
        Type table = DescriptorTable();
        var fields = table.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .Order(StringComparer.Ordinal);
        Assert.Equal(fields, Descriptors.Select(d => d.Id));
        Assert.NotEmpty(Descriptors);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_exists_and_its_title_names_the_ID(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors.Single(d => d.Id == id);
        string page = ReadPage(id);
        string title = page.Split('\n')[0].TrimEnd('\r');
        Assert.StartsWith("# ", title, StringComparison.Ordinal);
        Assert.Contains(id, title, StringComparison.Ordinal);
        Assert.Contains(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), title, StringComparison.Ordinal);
        Assert.Contains("## What triggers it", page, StringComparison.Ordinal);
        Assert.Contains("## How to fix", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Wrong_example_reports_the_ID_and_nothing_else_from_NetGen(string id)
    {
        string wrong = Example(ReadPage(id), "Wrong");
        (ImmutableArray<Diagnostic> generator, _, _) = Compile(wrong);
        Assert.True(generator.Any(d => d.Id == id), $"{id}.md: the wrong example does not report {id}; it reports {Describe(generator)}");
        Assert.True(generator.All(d => d.Id == id), $"{id}.md: the wrong example reports other NetGen diagnostics too: {Describe(generator)}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Right_example_generates_the_network_and_compiles_cleanly(string id)
    {
        string right = Example(ReadPage(id), "Right");
        (ImmutableArray<Diagnostic> generator, ImmutableArray<Diagnostic> compilation, int generatedFiles) = Compile(right);
        Assert.True(generator.IsEmpty, $"{id}.md: the right example reports {Describe(generator)}");
        ImmutableArray<Diagnostic> errors = compilation.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Assert.True(errors.IsEmpty, $"{id}.md: the right example does not compile: {Describe(errors)}");
        Assert.Equal(1, generatedFiles);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_at_the_page(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors.Single(d => d.Id == id);
        Assert.Equal(HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(Root, descriptor.HelpLinkUri)), $"{descriptor.HelpLinkUri} does not exist under {Root}");
    }

    [Fact]
    public void Readme_links_every_page_and_no_page_is_left_over()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics", "README.md"));
        foreach (DiagnosticDescriptor d in Descriptors)
            Assert.Contains($"[{d.Id}]({d.Id}.md)", readme, StringComparison.Ordinal);

        IEnumerable<string> pages = Directory.GetFiles(Path.Combine(Root, "docs", "diagnostics"), "NG*.md")
            .Select(p => Path.GetFileNameWithoutExtension(p)!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(Descriptors.Select(d => d.Id), pages);
    }

    [Fact]
    public void Analyzer_release_files_list_exactly_the_descriptors()
    {
        string folder = Path.Combine(Root, "generator", "NetGen.Generator");
        var rows = new List<(string Id, string Category, string Severity)>();
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            bool removed = false;
            foreach (string line in File.ReadAllLines(Path.Combine(folder, file)))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal)) removed = line.Contains("Removed", StringComparison.Ordinal);
                Match row = RuleRow().Match(line);
                if (!row.Success) continue;
                if (removed) rows.RemoveAll(r => r.Id == row.Groups["id"].Value);
                else rows.Add((row.Groups["id"].Value, row.Groups["category"].Value.Trim(), row.Groups["severity"].Value.Trim()));
            }
        }
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Descriptors.Select(d => d.Id), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        foreach (DiagnosticDescriptor d in Descriptors)
        {
            (string _, string category, string severity) = rows.Single(r => r.Id == d.Id);
            Assert.Equal(d.Category, category);
            Assert.Equal(d.DefaultSeverity.ToString(), severity);
        }
    }

    /// <summary>The first C# code block under the "## <paramref name="heading"/>" heading of a page.</summary>
    private static string Example(string page, string heading)
    {
        int start = page.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no '## {heading}' section");
        int next = page.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        string section = next < 0 ? page[start..] : page[start..next];
        Match code = CodeBlock().Match(section);
        Assert.True(code.Success, $"the '## {heading}' section has no ```csharp block");
        return code.Groups["code"].Value;
    }

    /// <summary>Compiles <paramref name="source"/> against .NET 10 and the NetGen runtime with the generator, as a project would.</summary>
    private static (ImmutableArray<Diagnostic> Generator, ImmutableArray<Diagnostic> Compilation, int GeneratedFiles) Compile(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "DiagnosticDocsExample",
            [CSharpSyntaxTree.ParseText(source, parseOptions, "Example.cs")],
            [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(NetGen.NetworkAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithNullableContextOptions(NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetGenGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.True(driverDiagnostics.All(d => d.Id.StartsWith("NG", StringComparison.Ordinal)), $"the driver reports {Describe(driverDiagnostics)}");
        return (result.Diagnostics, output.GetDiagnostics(), result.GeneratedSources.Length);
    }

    private static string ReadPage(string id)
    {
        string path = Path.Combine(Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(path), $"{path} does not exist: every diagnostic needs a page");
        return File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Any() ? string.Join("; ", diagnostics.Select(d => d.ToString())) : "nothing";

    private static Type DescriptorTable() =>
        typeof(NetGenGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;

    private static IReadOnlyList<DiagnosticDescriptor> LoadDescriptors() =>
        ((IEnumerable<DiagnosticDescriptor>)DescriptorTable().GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}; expected the tests to run inside the repository.");
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^(?<id>NG\d{4})\s*\|(?<category>[^|]*)\|(?<severity>[^|]*)\|")]
    private static partial Regex RuleRow();
}
