using System;
using System.Linq;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Roslyn compares hint names ignoring case and throws (CS8785, every network of the project loses its code) when two
/// are equal: the generated file names must differ for classes and namespaces that differ only in case, and stay stable.
/// </summary>
public sealed class HintNameTests
{
    [Theory]
    [InlineData(null, "Net", null, "NET")]
    [InlineData("app", "Net", "App", "Net")]
    [InlineData("a.b", "C", "a", "bC")]
    [InlineData(null, "Réseau", null, "RÉSEAU")]
    [InlineData("网络", "Net", "网络", "nET")]
    public void Classes_whose_names_differ_only_in_case_both_generate(string? firstNamespace, string firstClass, string? secondNamespace, string secondClass)
    {
        static string Declare(string? ns, string name)
        {
            string type = $"[NetGen.Network(Inputs = 2)] [NetGen.Dense(1, NetGen.Activation.Sigmoid)] internal partial class {name} {{ }}";
            return ns is null ? type : $"namespace {ns} {{ {type} }}";
        }
        GeneratorRun run = GeneratorHarness.Run(Declare(firstNamespace, firstClass) + "\n" + Declare(secondNamespace, secondClass));

        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        string[] names = run.Result.GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Equal(2, names.Length);
        Assert.Equal(2, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[A-Za-z0-9._+-]+\\.NetGen\\.g\\.cs$", n));
        Assert.Empty(GeneratorHarness.WarningsAndErrors(run.CompilationDiagnostics));
    }

    [Fact]
    public void Hint_names_are_stable_from_run_to_run()
    {
        string[] first = GeneratorHarness.Run(Networks.Chain).Result.GeneratedSources.Select(s => s.HintName).ToArray();
        string[] second = GeneratorHarness.Run(Networks.Chain).Result.GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Equal(["Samples.Calculus.Chain+1808.NetGen.g.cs"], first);
        Assert.Equal(first, second);
    }
}
