using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generated code compiles cleanly under the strictest settings a user may have (XML docs checked, nullable on,
/// every warning level) for every path of the emitter, and does not depend on the machine's culture.
/// </summary>
public sealed class CompilationTests
{
    /// <summary>Declarations that between them reach every branch of the emitter: each activation, both losses and
    /// precisions, unrolled and loop layers, unrolled and loop costs, global and named namespaces, public and internal.</summary>
    private static readonly (string Description, string Source, int Networks)[] s_variants =
    [
        (
            "every element-wise activation, float, public, block namespace",
            """
            using NetGen;
            namespace Variants.Activations
            {
                /// <summary>Each element-wise activation once.</summary>
                [Network(Inputs = 3)]
                [Dense(4, Activation.Identity)]
                [Dense(4, Activation.Sigmoid)]
                [Dense(4, Activation.Tanh)]
                [Dense(4, Activation.ReLU)]
                [Dense(4, Activation.LeakyReLU)]
                [Dense(2, Activation.Softplus)]
                public partial class AllActivations { }
            }
            """,
            1
        ),
        (
            "every element-wise activation, double, internal, global namespace",
            """
            using NetGen;
            [Network(Inputs = 2, Loss = Loss.SquaredError, Precision = Precision.Double)]
            [Dense(3, Activation.Softplus)]
            [Dense(3, Activation.LeakyReLU)]
            [Dense(3, Activation.ReLU)]
            [Dense(3, Activation.Tanh)]
            [Dense(3, Activation.Identity)]
            [Dense(1, Activation.Sigmoid)]
            internal partial class AllActivationsDouble { }
            """,
            1
        ),
        (
            "softmax with squared error (the full softmax Jacobian), float, file-scoped namespace",
            """
            using NetGen;
            namespace Variants.SoftmaxSquared;
            /// <summary>Softmax output trained with squared error.</summary>
            [Network(Inputs = 2, Loss = Loss.SquaredError, Precision = Precision.Single)]
            [Dense(3, Activation.ReLU)]
            [Dense(4, Activation.Softmax)]
            public sealed partial class SoftmaxSquared { }
            """,
            1
        ),
        (
            "softmax with cross-entropy, double, single layer (no previous layer to propagate to)",
            """
            using NetGen;
            namespace Variants
            {
                [Network(Inputs = 5, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
                [Dense(3, Activation.Softmax)]
                internal partial class LogisticRegression { }
            }
            """,
            1
        ),
        (
            "wide layers (loop path), cross-entropy over 40 classes (loop cost), float",
            """
            using NetGen;
            namespace Variants.Wide
            {
                /// <summary>Every layer has more than 256 weights.</summary>
                [Network(Inputs = 20, Loss = Loss.CrossEntropy)]
                [Dense(16, Activation.ReLU)]
                [Dense(20, Activation.LeakyReLU)]
                [Dense(40, Activation.Softmax)]
                public partial class WideClassifier { }
            }
            """,
            1
        ),
        (
            "wide layers (loop path) of every element-wise activation, softmax with squared error, double",
            """
            using NetGen;
            /// <summary>Loop layers of every kind.</summary>
            [Network(Inputs = 17, Precision = Precision.Double)]
            [Dense(16, Activation.Identity)]
            [Dense(17, Activation.Sigmoid)]
            [Dense(16, Activation.Tanh)]
            [Dense(17, Activation.Softplus)]
            [Dense(40, Activation.Softmax)]
            public partial class WideRegressor { }
            """,
            1
        ),
        (
            "one wide first layer (loop path without a previous layer), 33 outputs (loop squared-error cost)",
            """
            using NetGen;
            namespace Variants.Wide
            {
                [Network(Inputs = 300)]
                [Dense(33, Activation.Sigmoid)]
                internal partial class WideSingle { }
            }
            """,
            1
        ),
        (
            "binary cross-entropy and Huber outputs, written out, float (lane form too)",
            """
            using NetGen;
            namespace Variants.Losses
            {
                /// <summary>Two heads with the issue-13 losses.</summary>
                [Network(Inputs = 3)]
                [Dense(4, Activation.Tanh, Name = "h")]
                [Dense(2, Activation.Sigmoid, Name = "tags", From = new[] { "h" })]
                [Dense(1, Activation.Identity, Name = "value", From = new[] { "h" })]
                [Output("tags", Loss.BinaryCrossEntropy)]
                [Output("value", Loss.Huber, Weight = 0.5)]
                public partial class TwoLosses { }
            }
            """,
            1
        ),
        (
            "binary cross-entropy and Huber over 40 outputs (loop costs), double",
            """
            using NetGen;
            /// <summary>Wide heads with the issue-13 losses.</summary>
            [Network(Inputs = 5, Precision = Precision.Double)]
            [Dense(8, Activation.ReLU, Name = "h")]
            [Dense(40, Activation.Sigmoid, Name = "tags", From = new[] { "h" })]
            [Dense(40, Activation.Softplus, Name = "value", From = new[] { "h" })]
            [Output("tags", Loss.BinaryCrossEntropy, Weight = 2)]
            [Output("value", Loss.Huber)]
            internal partial class WideLosses { }
            """,
            1
        ),
        (
            "two networks in one namespace",
            """
            using NetGen;
            namespace Variants.Pair
            {
                /// <summary>The first.</summary>
                [Network(Inputs = 2)]
                [Dense(1, Activation.Sigmoid)]
                public partial class First { }

                /// <summary>The second, in a partial class with members of its own.</summary>
                [Network(Inputs = 1, Precision = Precision.Double)]
                [Dense(2, Activation.Tanh)]
                [Dense(1, Activation.Identity)]
                public partial class Second
                {
                    /// <summary>A member of the user's.</summary>
                    public double Scale { get; set; } = 1.0;
                }
            }
            """,
            2
        ),
        (
            "keywords as the class and namespace names, attribute arguments by name in any order",
            """
            using NetGen;
            namespace @namespace.@event
            {
                [Network(Precision = Precision.Double, Inputs = 2)]
                [Dense(activation: Activation.Tanh, size: 3)]
                [Dense(size: 2, activation: Activation.Softmax)]
                internal partial class @class { }
            }
            """,
            1
        ),
        (
            "non-ASCII and escaped identifiers",
            """
            using NetGen;
            namespace Réseaux.网络
            {
                [Network(Inputs = 2)]
                [Dense(2, Activation.Tanh)]
                internal partial class Réseau { }

                [Network(Inputs = 1)]
                [Dense(1, Activation.Identity)]
                internal partial class Lin\u00e9aire { }
            }
            """,
            2
        ),
    ];

    public static TheoryData<string, string, int> Variants
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach ((string description, string source, int networks) in s_variants) data.Add(description, source, networks);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Generated_code_compiles_without_warnings(string description, string source, int networks)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.DriverDiagnostics);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(networks, run.Result.GeneratedSources.Length);

        // Emitting, not only binding, so that errors found late (e.g. in lowering) count too.
        using var stream = new MemoryStream();
        EmitResult emit = run.Output.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        List<Diagnostic> problems = GeneratorHarness.WarningsAndErrors(emit.Diagnostics).ToList();
        Assert.True(problems.Count == 0 && emit.Success, $"{description}:\n{GeneratorHarness.Describe(problems)}");
    }

    [Fact]
    public void The_variants_reach_both_the_unrolled_and_the_loop_paths()
    {
        // Guards the theory above: if the unroll limit moved, the "wide" variants would silently stop testing loops.
        string wide = GeneratorHarness.Run(s_variants.Select(v => v.Source).Single(s => s.Contains("WideClassifier"))).SingleSource;
        Assert.Contains("global::NetGen.Kernels.Dot(", wide);
        Assert.Contains("global::NetGen.Kernels.AddScaled(", wide);
        Assert.Contains("global::NetGen.Kernels.LogSumExp(", wide);
        Assert.Contains("global::NetGen.Kernels.Softmax(", wide);

        // A narrow network's layers are straight-line code: no dot-product kernel (Step and TrainBatch still update
        // the parameter vector with AddScaled, which is not a layer's code).
        string narrow = GeneratorHarness.Run(Networks.Xor).SingleSource;
        Assert.DoesNotContain("global::NetGen.Kernels.Dot(", narrow);
        Assert.DoesNotContain("global::NetGen.Kernels.Softmax(", narrow);
        Assert.Contains("float z1_0 = w1_0_0 * a0_0 + w1_0_1 * a0_1 + b1_0;", narrow);
    }

    public static TheoryData<string> Cultures => new() { "de-DE", "ar-SA", "sv-SE" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Generated_text_does_not_depend_on_the_current_culture(string name)
    {
        var culture = new CultureInfo(name);
        // The check is only meaningful if the culture really formats numbers differently (not in invariant-globalization mode).
        Assert.NotEqual("0.01", 0.01.ToString(culture));

        string[] sources = s_variants.Select(v => v.Source).Append(Networks.Classifier).ToArray();
        string[] invariant = GenerateAll(CultureInfo.InvariantCulture, sources);
        string[] local = GenerateAll(culture, sources);

        for (int i = 0; i < sources.Length; i++)
            Assert.True(invariant[i] == local[i], $"Generated text differs under {name}:\n{GoldenFile.LineDiff(invariant[i], local[i])}");
    }

    /// <summary>Every generated file of every source, generated with <paramref name="culture"/> as the thread's culture.</summary>
    private static string[] GenerateAll(CultureInfo culture, string[] sources)
    {
        CultureInfo savedCulture = Thread.CurrentThread.CurrentCulture, savedUiCulture = Thread.CurrentThread.CurrentUICulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = culture;
            Thread.CurrentThread.CurrentUICulture = culture;
            return sources
                .Select(s => string.Concat(GeneratorHarness.Run(s).Result.GeneratedSources.Select(g => g.HintName + "\n" + g.SourceText)))
                .ToArray();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = savedCulture;
            Thread.CurrentThread.CurrentUICulture = savedUiCulture;
        }
    }
}
