using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The reserved-name check (NG0011) reads the same table the emitter writes members from, so it is exact: every member
/// the generated class has is reported when the user declares one of that name, for every kind of network (lanes,
/// loops, several outputs with their cost methods), and the generated class has no member the table does not list.
/// </summary>
public sealed class GeneratedMemberTests
{
    public static TheoryData<string, string> Networks => new()
    {
        { "lanes", "[Network(Inputs = 2)] [Dense(3, Activation.Sigmoid)] [Dense(1, Activation.Sigmoid)] public partial class Net { }" },
        { "loops", "[Network(Inputs = 40, Loss = Loss.CrossEntropy)] [Dense(80, Activation.ReLU)] [Dense(40, Activation.Softmax)] public partial class Net { }" },
        {
            "two outputs, two inputs, a sum",
            """
            [Network]
            [Input("x", 2)] [Input("c", 2)]
            [Dense(2, Activation.Tanh, Name = "h", From = new[] { "x" })]
            [Add("s", "h", "c")]
            [Dense(3, Activation.Softmax, Name = "label", From = new[] { "s" })]
            [Dense(1, Activation.Identity, Name = "value", From = new[] { "s", "x" })]
            [Output("label", Loss.CrossEntropy)]
            [Output("value", Loss.SquaredError, Weight = 0.5)]
            public partial class Net { }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_user_member_with_the_name_of_any_generated_member_is_NG0011(string description, string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + declaration);
        Assert.Empty(run.GeneratorDiagnostics);
        string[] names = GeneratedMemberNames(run);
        Assert.True(names.Length >= 20, $"{description}: only {names.Length} generated members found");

        foreach (string name in names)
        {
            // A method of another signature: it would be a legal overload of a generated method, but the name alone is reserved.
            GeneratorRun clash = GeneratorHarness.Run(GeneratorHarness.Usings + declaration,
                $"public partial class Net {{ private static void {name}(System.Guid unused) {{ }} }}");
            Assert.True(clash.GeneratorDiagnostics.Any(d => d.Id == "NG0011" && d.GetMessage().Contains($"'{name}'")),
                $"{description}: a user member named {name} is not reported");
        }
    }

    /// <summary>The names of the members of Net declared in generated code, explicit interface implementations aside.</summary>
    private static string[] GeneratedMemberNames(GeneratorRun run)
    {
        INamedTypeSymbol type = run.Output.GetTypeByMetadataName("Net")!;
        var generatedTrees = new HashSet<SyntaxTree>(run.Result.GeneratedSources.Select(s => s.SyntaxTree));
        return type.GetMembers()
            .Where(m => m.CanBeReferencedByName && m.Locations.Any(l => l.SourceTree is not null && generatedTrees.Contains(l.SourceTree)))
            .Select(m => m.Name)
            .Distinct()
            .ToArray();
    }
}
