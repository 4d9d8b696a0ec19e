using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// One test per diagnostic ID (acceptance point 7): the ID, the exact text it points at, and that a network with an
/// error produces no code (which would only add compiler errors on top of the diagnostic).
/// </summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void NG0001_class_not_partial_points_at_the_identifier()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public class Net { }
            """, "NG0001", "Net");
        Assert.Contains("'Net'", Message(d));
    }

    [Fact]
    public void NG0001_points_at_the_declaration_that_lacks_partial()
    {
        // The compiler reports CS0260 as well; NetGen must still say which declaration to fix.
        AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }

            public class Net { }
            """, "NG0001", "Net", compiles: false, expectedLine: 5);
    }

    [Fact]
    public void NG0002_no_dense_layer_points_at_the_network_attribute()
    {
        AssertOnlyDiagnostic("""
            [Network(Inputs = 2, Loss = Loss.SquaredError)]
            public partial class Net { }
            """, "NG0002", "Network(Inputs = 2, Loss = Loss.SquaredError)");
    }

    [Fact]
    public void NG0002_a_network_of_sums_only_points_at_the_network_attribute()
    {
        // An [Add] has no parameters, so it does not count as a layer; the generator used to throw on this network
        // (CS8785) instead of reporting it.
        AssertOnlyDiagnostic("""
            [Network]
            [Input("a", 2)]
            [Input("b", 2)]
            [Add("s", "a", "b")]
            [Output("s", Loss.SquaredError)]
            public partial class Net { }
            """, "NG0002", "Network");
    }

    [Theory]
    [InlineData("Network(Loss = Loss.SquaredError)", "0")]
    [InlineData("Network", "0")]
    [InlineData("Network(Inputs = 0)", "0")]
    [InlineData("Network(Inputs = -3)", "-3")]
    public void NG0003_inputs_missing_zero_or_negative_points_at_the_network_attribute(string attribute, string inputs)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [{{attribute}}]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0003", attribute);
        Assert.Contains($"has Inputs = {inputs}, but every input needs a positive number of values", Message(d));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void NG0003_an_input_attribute_of_size_zero_or_less_names_that_input_not_Inputs(string size)
    {
        // The message used to talk about "Inputs = 0", a setting this declaration does not use.
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network]
            [Input("pixels", {{size}})]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0003", $"Input(\"pixels\", {size})");
        Assert.Equal($"The network 'Net' has the input 'pixels' of size {size}, but every input needs a positive number of values; give the input its number of values", Message(d));
        Assert.DoesNotContain("Inputs =", Message(d));
    }

    [Theory]
    [InlineData("Dense(0, Activation.Sigmoid)")]
    [InlineData("Dense(-1, Activation.Tanh)")]
    public void NG0004_layer_size_not_positive_points_at_that_dense(string layer)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Sigmoid)]
            [{{layer}}]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0004", layer);
        Assert.StartsWith("The layer 'layer2' of 'Net' has size", Message(d));
    }

    [Fact]
    public void NG0005_softmax_on_a_hidden_layer_points_at_that_dense()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Softmax)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0005", "Dense(4, Activation.Softmax)");
        Assert.Equal("The layer 'layer1' of 'Net' uses Softmax, which is allowed only on an output layer that no other layer reads; use another activation for a layer that others read or that is not an output", Message(d));
    }

    [Fact]
    public void NG0006_cross_entropy_without_softmax_points_at_the_network_attribute()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2, Loss = Loss.CrossEntropy)]
            [Dense(3, Activation.Tanh)]
            [Dense(2, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0006", "Network(Inputs = 2, Loss = Loss.CrossEntropy)");
        Assert.Equal("The output 'layer2' of 'Net' uses Loss.CrossEntropy, which needs a Softmax layer, but the layer 'layer2' uses Sigmoid; make that layer Softmax or give the output another loss, such as Loss.SquaredError", Message(d));
    }

    [Fact]
    public void NG0006_binary_cross_entropy_without_sigmoid_points_at_the_output()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Tanh, Name = "h")]
            [Dense(2, Activation.Tanh, Name = "labels")]
            [Output("labels", Loss.BinaryCrossEntropy)]
            public partial class Net { }
            """, "NG0006", "Output(\"labels\", Loss.BinaryCrossEntropy)");
        Assert.Equal("The output 'labels' of 'Net' uses Loss.BinaryCrossEntropy, which needs a Sigmoid layer, but the layer 'labels' uses Tanh; make that layer Sigmoid or give the output another loss, such as Loss.SquaredError", Message(d));
    }

    [Fact]
    public void NG0007_undefined_activation_points_at_that_dense()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Tanh)]
            [Dense(2, (Activation)42)]
            public partial class Net { }
            """, "NG0007", "Dense(2, (Activation)42)");
        Assert.Contains("42", Message(d));
    }

    [Fact]
    public void NG0008_undefined_loss_points_at_the_network_attribute()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2, Loss = (Loss)7)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0008", "Network(Inputs = 2, Loss = (Loss)7)");
        Assert.Contains("7", Message(d));
    }

    [Fact]
    public void NG0009_undefined_precision_points_at_the_network_attribute()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2, Precision = (Precision)9)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0009", "Network(Inputs = 2, Precision = (Precision)9)");
        Assert.Contains("9", Message(d));
    }

    [Fact]
    public void NG0010_dense_on_a_second_partial_declaration_points_at_that_dense()
    {
        AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net { }

            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0010", "Dense(1, Activation.Sigmoid)");
    }

    [Fact]
    public void NG0010_dense_on_a_declaration_in_another_file_points_into_that_file()
    {
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.Usings + """
            [Network(Inputs = 2)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net { }
            """,
            GeneratorHarness.Usings + """
            [Dense(1, Activation.Tanh)]
            public partial class Net { }
            """);

        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NG0010", d.Id);
        Assert.Equal("Source1.cs", d.Location.GetLineSpan().Path);
        Assert.Equal("Dense(1, Activation.Tanh)", TextAt(run, d.Location));
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Theory]
    [InlineData("public void Forward() { }", "Forward")]
    [InlineData("public int Spec => 0;", "Spec")]
    [InlineData("private readonly float[] _parameters = new float[1];", "_parameters")]
    [InlineData("public void Step(int steps) { }", "Step")]
    [InlineData("private static float[] NewParameters() => new float[1];", "NewParameters")]
    [InlineData("private int ForwardLayer1;", "ForwardLayer1")]
    [InlineData("private void BackwardLayer2() { }", "BackwardLayer2")]
    public void NG0011_member_with_a_generated_name_points_at_the_users_member(string member, string name)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Sigmoid)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net
            {
                {{member}}
            }
            """, "NG0011", name, expectedLine: 6);
        Assert.Contains($"'{name}'", Message(d));
    }

    [Fact]
    public void NG0011_is_not_reported_for_names_that_only_look_generated()
    {
        // A layer method name is reserved only with a layer number after it.
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net
            {
                private int ForwardLayerCount => 1;
                private int Forwarded => ForwardLayerCount;
                // The network has one layer: there is no ForwardLayer7, no BackwardLayer2, no OutputCost2.
                private int ForwardLayer7 => 7;
                private void BackwardLayer2() { }
                private void OutputCost2() { }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.Result.GeneratedSources);
    }

    [Fact]
    public void NG0012_generic_class_points_at_the_identifier()
    {
        AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net<T> { }
            """, "NG0012", "Net");
    }

    [Fact]
    public void NG0013_nested_class_points_at_the_identifier()
    {
        AssertOnlyDiagnostic("""
            public partial class Outer
            {
                [Network(Inputs = 2)]
                [Dense(1, Activation.Sigmoid)]
                public partial class Inner { }
            }
            """, "NG0013", "Inner");
    }

    [Fact(Timeout = 60_000)]
    public async Task NG0014_a_layer_whose_weight_count_overflows_int_points_at_that_dense_and_stops_quickly()
    {
        // 65536 × 65536 weights is 2^32: counted in int it wrapped to 0, the layer looked small enough to write out weight
        // by weight, and the generator hung writing billions of lines. The timeout fails the test instead of hanging the run.
        var clock = Stopwatch.StartNew();
        Diagnostic d = await Task.Run(() => AssertOnlyDiagnostic("""
            [Network(Inputs = 65536)]
            [Dense(65536, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0014", "Dense(65536, Activation.Sigmoid)"), TestContext.Current.CancellationToken);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The generator took {clock.Elapsed} to reject the network.");
        Assert.Equal(
            "The network 'Net' has 4,295,032,832 parameters, more than the 100,000,000 NetGen supports; its largest layer, 'layer1', has 4,295,032,832; use fewer or narrower layers",
            Message(d));
    }

    [Fact]
    public void NG0014_layers_too_large_only_together_point_at_the_network_attribute()
    {
        // 90,009,000 + 81,009,000 + 9,001: no layer alone is over the limit, so no layer is the one to blame.
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 10000)]
            [Dense(9000, Activation.ReLU)]
            [Dense(9000, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0014", "Network(Inputs = 10000)");
        Assert.StartsWith("The network 'Net' has 171,027,001 parameters", Message(d));
        Assert.Contains("'layer1', has 90,009,000", Message(d));
    }

    [Theory]
    [InlineData(50_000_000, null)]         // 50,000,000 weights + 50,000,000 biases: exactly the limit
    [InlineData(50_000_001, "NG0014")]     // two more
    [InlineData(int.MaxValue, "NG0014")]     // (and NG0027: 2^31 − 1 values in one layer)
    public void NG0014_the_limit_is_100_000_000_parameters(int size, string? id)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + $$"""
            [Network(Inputs = 1)]
            [Dense({{size}}, Activation.Identity)]
            public partial class Net { }
            """);

        Assert.Null(run.Result.Exception);
        Assert.Equal(id is null ? [] : [id], run.GeneratorDiagnostics.Select(d => d.Id).Where(i => i != "NG0027"));
        Assert.Equal(id is null ? 1 : 0, run.Result.GeneratedSources.Length);
    }

    [Fact]
    public void NG0014_is_not_reported_for_a_large_legal_network_which_generates_and_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            /// <summary>An MNIST classifier: 784 pixels, two hidden layers, ten digits.</summary>
            [Network(Inputs = 784, Loss = Loss.CrossEntropy)]
            [Dense(300, Activation.ReLU)]
            [Dense(100, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class Mnist { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("public const int ParameterCount = 266610;", run.SingleSource);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(run.CompilationDiagnostics));
    }

    [Fact]
    public void NG0015_static_class_points_at_the_identifier()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public static partial class Net { }
            """, "NG0015", "Net");
        Assert.Contains("'Net' is static", Message(d));
    }

    [Theory]
    [InlineData("public partial record Net;")]
    [InlineData("public partial record class Net { }")]
    [InlineData("public sealed partial record Net(int Id);")]
    public void NG0016_record_points_at_the_identifier(string declaration)
    {
        // A record used to be skipped without a word: the syntax predicate let only class declarations through.
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            {{declaration}}
            """, "NG0016", "Net");
        Assert.Contains("'Net' is a record", Message(d));
    }

    [Fact]
    public void NG0017_unknown_source_in_From_points_at_that_dense()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Tanh, Name = "h1")]
            [Dense(4, Activation.ReLU, Name = "h2", From = new[] { "nope" })]
            [Dense(1, Activation.Sigmoid, Name = "h3", From = new[] { "h1", "h2" })]
            public partial class Net { }
            """, "NG0017", "Dense(4, Activation.ReLU, Name = \"h2\", From = new[] { \"nope\" })");
        Assert.Equal("'h2' of 'Net' reads 'nope', which is not an input or a layer of the network; name an input or an earlier layer", Message(d));
    }

    [Fact]
    public void NG0017_names_are_case_sensitive()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network]
            [Input("x", 3)]
            [Input("context", 2)]
            [Dense(4, Activation.Tanh, Name = "h1", From = new[] { "x", "Context" })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0017", "Dense(4, Activation.Tanh, Name = \"h1\", From = new[] { \"x\", \"Context\" })");
        Assert.Contains("reads 'Context'", Message(d));
    }

    [Fact]
    public void NG0017_unknown_source_in_Add_points_at_the_add()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Add("r", "h1", "nope")]
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "r" })]
            public partial class Net { }
            """, "NG0017", "Add(\"r\", \"h1\", \"nope\")");
        Assert.StartsWith("'r' of 'Net' reads 'nope'", Message(d));
    }

    [Theory]
    [InlineData("Output(\"h3\", Loss.SquaredError)", "h3")]
    [InlineData("Output(\"H2\", Loss = Loss.SquaredError, Weight = 2)", "H2")]
    public void NG0017_unknown_source_in_Output_points_at_the_output(string output, string source)
    {
        // The other output keeps every layer on a path to the cost, so the only diagnostic is the unknown name.
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Dense(1, Activation.Sigmoid, Name = "h2")]
            [Output("h2", Loss.SquaredError)]
            [{{output}}]
            public partial class Net { }
            """, "NG0017", output);
        Assert.StartsWith($"'[Output]' of 'Net' reads '{source}'", Message(d));
    }

    [Fact]
    public void NG0017_a_misspelt_only_output_is_the_only_diagnostic()
    {
        // Nothing reaches a misspelt output, but warning that every layer reaches no output (NG0020) would only
        // repeat the error: reachability is checked once every name resolves.
        AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Dense(1, Activation.Sigmoid, Name = "h2")]
            [Output("h", Loss.SquaredError)]
            public partial class Net { }
            """, "NG0017", "Output(\"h\", Loss.SquaredError)");
    }

    [Fact]
    public void NG0017_first_layer_without_From_among_several_inputs_points_at_that_dense()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network]
            [Input("x", 3)]
            [Input("context", 2)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "h1", "x", "context" })]
            public partial class Net { }
            """, "NG0017", "Dense(4, Activation.Tanh, Name = \"h1\")");
        Assert.StartsWith("'h1' of 'Net' reads '(no source)'", Message(d));
    }

    [Fact]
    public void NG0018_forward_reference_points_at_the_reading_dense()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Tanh, Name = "h1", From = new[] { "h2" })]
            [Dense(3, Activation.Tanh, Name = "h2", From = new[] { "input" })]
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "h1" })]
            public partial class Net { }
            """, "NG0018", "Dense(3, Activation.Tanh, Name = \"h1\", From = new[] { \"h2\" })");
        Assert.Equal("'h1' of 'Net' reads 'h2', which is declared at or after it; a layer can read only inputs and earlier layers, so the network has no cycle", Message(d));
    }

    [Theory]
    [InlineData("Dense(3, Activation.Tanh, Name = \"h2\", From = new[] { \"h1\", \"h2\" })", "h2")]
    [InlineData("Add(\"h2\", \"h1\", \"h2\")", "h2")]
    public void NG0018_self_reference_points_at_that_layer(string layer, string name)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Tanh, Name = "h1")]
            [{{layer}}]
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "h2" })]
            public partial class Net { }
            """, "NG0018", layer);
        Assert.StartsWith($"'{name}' of 'Net' reads '{name}', which is declared at or after it", Message(d));
    }

    [Fact]
    public void NG0019_add_of_unequal_sizes_points_at_the_add()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Dense(4, Activation.Tanh, Name = "h2")]
            [Dense(3, Activation.ReLU, Name = "h3")]
            [Add("r", "h1", "h3")]
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "r" })]
            public partial class Net { }
            """, "NG0019", "Add(\"r\", \"h1\", \"h3\")");
        Assert.Equal("'r' of 'Net' adds 'h3' of shape 3 to 'h1' of shape 4; an element-wise sum needs sources of one shape", Message(d));
    }

    [Fact]
    public void NG0019_is_not_reported_for_an_add_of_an_input_and_a_layer_of_its_size()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            /// <summary>A residual block over the raw input.</summary>
            [Network(Inputs = 3)]
            [Dense(3, Activation.Tanh, Name = "h1")]
            [Add("r", "input", "h1")]
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "r" })]
            public partial class Net { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(run.CompilationDiagnostics));
    }

    [Theory]
    [InlineData("Dense(4, Activation.ReLU, Name = \"h2\")", "h2")]   // computed, then read by nothing
    [InlineData("Add(\"r\", \"h1\", \"h1\")", "r")]                 // a sum read by nothing
    public void NG0020_layer_reaching_no_output_is_a_warning_and_the_network_still_generates_compiles_and_runs(string layer, string name)
    {
        string source = GeneratorHarness.Usings + $$"""
            /// <summary>A network with a layer that nothing reads.</summary>
            [Network(Inputs = 2, Precision = Precision.Double)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [{{layer}}]
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "h1" })]
            public partial class Net { }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Null(run.Result.Exception);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NG0020", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(layer, TextAt(run, d.Location));
        Assert.Equal($"'{name}' of 'Net' reaches no output, so it does not change the cost and its parameters never learn; read it from a later layer or declare it an [Output]", Message(d));

        // A warning, not an error: the network is generated and compiles without a warning of its own.
        Assert.Single(run.Result.GeneratedSources);
        using var stream = new System.IO.MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = run.Output.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emit.Success && !GeneratorHarness.WarningsAndErrors(emit.Diagnostics).Any(), GeneratorHarness.Describe(emit.Diagnostics));

        // And it runs: the gradient is the interpreter's, and the unread layer's is exactly 0, as the warning says.
        var context = new System.Runtime.Loader.AssemblyLoadContext(nameof(NG0020_layer_reaching_no_output_is_a_warning_and_the_network_still_generates_compiles_and_runs), isCollectible: true);
        try
        {
            stream.Position = 0;
            var generated = (INetwork<double>)Activator.CreateInstance(context.LoadFromStream(stream).GetType("Net", throwOnError: true)!)!;
            var reference = new ReferenceNetwork<double>(generated.Spec);
            generated.Parameters.CopyTo(reference.Parameters);
            double[] input = [0.3, -0.7], target = [0.9];
            var gradient = new double[generated.ParameterCount];
            var expected = new double[generated.ParameterCount];
            double cost = generated.Backward(input, target, gradient);
            Assert.Equal(reference.Backward(input, target, expected), cost, 12);
            for (int i = 0; i < gradient.Length; i++) Assert.Equal(expected[i], gradient[i], 12);

            int layerIndex = generated.Spec.IndexOfLayer(name);
            int count = generated.Spec.LayerParameterCount(layerIndex);
            if (count > 0)
            {
                int offset = generated.Spec.WeightOffset(layerIndex);
                Assert.All(gradient.AsSpan(offset, count).ToArray(), g => Assert.Equal(0.0, g));
            }
            Assert.Contains(gradient, g => g != 0);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void NG0021_output_without_a_loss_points_at_that_output()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Dense(3, Activation.Softmax, Name = "label", From = new[] { "h1" })]
            [Dense(1, Activation.Identity, Name = "h", From = new[] { "h1" })]
            [Output("label", Loss.CrossEntropy)]
            [Output("h")]
            public partial class Net { }
            """, "NG0021", "Output(\"h\")");
        Assert.Equal("The output 'h' of 'Net' has no loss; give one, for example [Output(\"h\", Loss.SquaredError)], or set Loss on [Network]", Message(d));
    }

    [Theory]
    [InlineData("Loss.SquaredError", "SquaredError")]
    [InlineData("Loss.CrossEntropy", "CrossEntropy")]
    public void NG0021_is_not_reported_when_Network_Loss_supplies_the_loss(string loss, string expected)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + $$"""
            /// <summary>Two heads; the one without a loss of its own takes Network's.</summary>
            [Network(Inputs = 2, Loss = {{loss}})]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Dense(3, Activation.Softmax, Name = "h", From = new[] { "h1" })]
            [Dense(2, Activation.Identity, Name = "value", From = new[] { "h1" })]
            [Output("h")]
            [Output("value", Loss.SquaredError, Weight = 0.5)]
            public partial class Net { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        string generated = run.SingleSource;
        Assert.Contains($"new global::NetGen.OutputSpec(\"h\", global::NetGen.Loss.{expected}, 1.0)", generated);
        // An output's own loss takes precedence over Network's.
        Assert.Contains("new global::NetGen.OutputSpec(\"value\", global::NetGen.Loss.SquaredError, 0.5)", generated);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(run.CompilationDiagnostics));
    }

    [Theory]
    [InlineData("Weight = 0", "0")]
    [InlineData("Weight = -0.5", "-0.5")]
    [InlineData("Weight = double.PositiveInfinity", "Infinity")]
    [InlineData("Weight = double.NegativeInfinity", "-Infinity")]
    [InlineData("Weight = double.NaN", "NaN")]
    public void NG0023_output_weight_not_positive_and_finite_points_at_that_output(string weight, string shown)
    {
        string output = $"Output(\"h2\", Loss.SquaredError, {weight})";
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Tanh, Name = "h1")]
            [Dense(1, Activation.Sigmoid, Name = "h2")]
            [Dense(1, Activation.Sigmoid, Name = "h3", From = new[] { "h1" })]
            [Output("h3", Loss.SquaredError)]
            [{{output}}]
            public partial class Net { }
            """, "NG0023", output);
        Assert.Equal($"The output 'h2' of 'Net' has weight {shown}; an output's weight in the total cost must be positive and finite in the network's precision (float)", Message(d));
    }

    [Theory]
    [InlineData("1e40", "float")]      // beyond float's range: the literal used to be written Infinityf (CS0103)
    [InlineData("1e-300", "float")]    // rounds to 0 as float: the output used to drop out of the cost silently
    [InlineData("1e-330", "double")]   // rounds to 0 even as a double
    public void NG0023_a_weight_outside_the_networks_precision_points_at_that_output(string weight, string precision)
    {
        string output = $"Output(\"h1\", Loss.SquaredError, Weight = {weight})";
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2, Precision = Precision.{{(precision == "float" ? "Single" : "Double")}})]
            [Dense(1, Activation.Sigmoid, Name = "h1")]
            [{{output}}]
            public partial class Net { }
            """, "NG0023", output);
        Assert.EndsWith($"must be positive and finite in the network's precision ({precision})", Message(d));
    }

    [Fact]
    public void NG0023_is_not_reported_for_a_weight_that_a_float_holds_and_it_is_written_exactly()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid, Name = "h1")]
            [Output("h1", Loss.SquaredError, Weight = 1e30)]
            public partial class Net { }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("1E+30f * ", run.SingleSource);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(run.CompilationDiagnostics));
    }

    [Theory]
    [InlineData("[Dense(4, Activation.Tanh, Name = \"h1\")]", "Dense(4, Activation.Tanh, Name = \"h1\")", "h1")] // layer and layer
    [InlineData("[Add(\"h1\", \"x\", \"x\")]", "Add(\"h1\", \"x\", \"x\")", "h1")]                              // layer and sum
    [InlineData("[Dense(4, Activation.Tanh, Name = \"x\")]", "Dense(4, Activation.Tanh, Name = \"x\")", "x")]     // input and layer
    [InlineData("[Input(\"x\", 2)]", "Input(\"x\", 2)", "x")]                                                // input and input
    public void NG0022_duplicate_name_points_at_the_second_declaration(string second, string spanText, string name)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network]
            [Input("x", 4)]
            [Dense(4, Activation.Tanh, Name = "h1", From = new[] { "x" })]
            {{second}}
            [Dense(1, Activation.Sigmoid, Name = "out", From = new[] { "h1" })]
            public partial class Net { }
            """, "NG0022", spanText);
        Assert.Equal($"The name '{name}' is used twice in 'Net'; give every input and layer its own name", Message(d));
    }

    [Fact]
    public void NG0022_a_name_can_collide_with_a_later_layers_default_name()
    {
        // A layer without Name is layer{position}: the second layer is layer2, which the first already took.
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(4, Activation.Tanh, Name = "layer2")]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0022", "Dense(1, Activation.Sigmoid)");
        Assert.StartsWith("The name 'layer2' is used twice", Message(d));
    }

    [Theory]
    [InlineData("a-b", "a_b", "a_b, a_b_2, one, two", "a_b, a_b_2, oneTarget, twoTarget, gradient")]                 // equal once sanitised
    [InlineData("gradient", "x", "gradient_2, x, one, two", "gradient_2, x, oneTarget, twoTarget, gradient")]       // Backward's own parameter
    [InlineData("oneTarget", "x", "oneTarget, x, one_2, two", "oneTarget, x, one_2Target, twoTarget, gradient")]    // an output's target
    public void NG0022_is_not_reported_for_names_that_meet_only_as_identifiers_and_the_overloads_still_compile(
        string first, string second, string forward, string backward)
    {
        // Distinct declared names can still meet as C# identifiers in the named overloads; they used to make the
        // generated file fail with CS0100 (duplicate parameter). The later one gets a suffix instead.
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + $$"""
            /// <summary>Two inputs, two outputs.</summary>
            [Network]
            [Input("{{first}}", 2)]
            [Input("{{second}}", 2)]
            [Dense(3, Activation.Tanh, Name = "h", From = new[] { "{{first}}", "{{second}}" })]
            [Dense(1, Activation.Sigmoid, Name = "one", From = new[] { "h" })]
            [Dense(1, Activation.Sigmoid, Name = "two", From = new[] { "h" })]
            [Output("one", Loss.SquaredError)]
            [Output("two", Loss.SquaredError)]
            public partial class Net { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        string generated = run.SingleSource;
        Assert.Equal(forward, ParameterNames(generated, "public void Forward(", 4));
        Assert.Equal(backward, ParameterNames(generated, "public float Backward(", 5));
        using var stream = new System.IO.MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = run.Output.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emit.Success && !GeneratorHarness.WarningsAndErrors(emit.Diagnostics).Any(), GeneratorHarness.Describe(emit.Diagnostics));

        // The parameter names of the overload of <paramref name="method"/> that has <paramref name="count"/> parameters.
        static string ParameterNames(string source, string method, int count) =>
            source.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith(method, StringComparison.Ordinal))
                .Select(line => line[method.Length..line.LastIndexOf(')')].Split(", ").Select(p => p.Split(' ')[1]).ToArray())
                .Single(names => names.Length == count)
                .Aggregate((a, b) => a + ", " + b);
    }

    [Fact]
    public void NG0024_Inputs_together_with_Input_attributes_points_at_the_network_attribute()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 3)]
            [Input("x", 3)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0024", "Network(Inputs = 3)");
        Assert.Equal("The network 'Net' sets Inputs and also declares [Input] attributes; with [Input] attributes leave Inputs unset", Message(d));
    }

    [Fact]
    public void NG0025_output_declared_twice_points_at_the_second_output()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(3, Activation.Tanh, Name = "h1")]
            [Dense(1, Activation.Sigmoid, Name = "out")]
            [Output("out", Loss.SquaredError)]
            [Output("out", Loss.SquaredError, Weight = 2)]
            public partial class Net { }
            """, "NG0025", "Output(\"out\", Loss.SquaredError, Weight = 2)");
        Assert.Equal("The layer 'out' of 'Net' is declared an [Output] more than once; declare each output once, with one loss and one weight", Message(d));
    }

    [Theory]
    [InlineData("[Input(null, 2)]", "Input(null, 2)", "An [Input]")]
    [InlineData("[Input(\" \", 2)]", "Input(\" \", 2)", "An [Input]")]
    [InlineData("[Dense(2, Activation.Tanh, Name = \"\")]", "Dense(2, Activation.Tanh, Name = \"\")", "The [Dense] layer 1")]
    [InlineData("[Dense(2, Activation.Tanh, From = new string[] { null })]", "Dense(2, Activation.Tanh, From = new string[] { null })", "A source in From of 'layer1'")]
    [InlineData("[Add(\"s\", \"x\", null)]", "Add(\"s\", \"x\", null)", "A source of the sum 's'")]
    [InlineData("[Output(null, Loss.SquaredError)]", "Output(null, Loss.SquaredError)", "An [Output]")]
    public void NG0026_a_null_or_empty_name_points_at_its_attribute(string attribute, string spanText, string what)
    {
        // From = new string[] { null } used to be ignored silently: the layer read the previous one instead.
        string input = attribute.StartsWith("[Input", System.StringComparison.Ordinal) ? attribute : "[Input(\"x\", 2)]";
        string rest = attribute.StartsWith("[Input", System.StringComparison.Ordinal) ? "" : attribute;
        string layers = attribute.StartsWith("[Dense", System.StringComparison.Ordinal) ? ""
            : attribute.StartsWith("[Input", System.StringComparison.Ordinal) ? "[Dense(1, Activation.Sigmoid)]"
            : "[Dense(1, Activation.Sigmoid, From = new[] { \"x\" })]";
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network]
            {{input}}
            {{rest}}
            {{layers}}
            public partial class Net { }
            """, "NG0026", spanText);
        Assert.Equal($"{what} of 'Net' has a name that is null, empty or only white space; give every input, layer and source a name", Message(d));
    }

    [Theory]
    [InlineData(3, 1_000_000_000, "2,000,000,000")]  // three inputs near int.MaxValue used to give InputCount = -1
    [InlineData(2, 60_000_000, "180,000,001")]       // two 60-million inputs and their 60-million-wide sum: few parameters, still too large
    public void NG0027_too_many_values_points_at_the_network_attribute(int inputs, int size, string values)
    {
        string declared = string.Concat(Enumerable.Range(0, inputs).Select(i => $"[Input(\"x{i}\", {size})]\n"));
        string graph = inputs == 3
            ? "[Dense(1, Activation.Sigmoid, From = new[] { \"x0\" })]\n[Output(\"layer1\", Loss.SquaredError)]"
            : "[Add(\"s\", \"x0\", \"x1\")]\n[Dense(1, Activation.Sigmoid, From = new[] { \"s\" })]";
        string source = $$"""
            [Network]
            {{declared}}{{graph}}
            public partial class Net { }
            """;
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + source);
        Assert.Null(run.Result.Exception);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics, x => x.Id == "NG0027");
        Assert.Equal("Network", TextAt(run, d.Location));
        Assert.StartsWith($"The network 'Net' has {(inputs == 3 ? "3,000,000,001" : values)} values in its inputs and layers together", Message(d));
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Theory]
    [InlineData("Step")]
    [InlineData("Parameters")]
    [InlineData("ForwardLayer1")]
    [InlineData("OutputCost")]
    public void NG0028_a_class_named_like_a_generated_member_points_at_the_identifier(string name)
    {
        // The generated member would have the name of its class: CS0542.
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class {{name}} { }
            """, "NG0028", name);
        Assert.StartsWith($"The class '{name}' has the name of a member NetGen generates", Message(d));
    }

    [Fact]
    public void NG0029_a_network_class_derived_from_a_network_points_at_the_identifier()
    {
        // The derived class's generated members would hide the base's (CS0108); the base network itself is fine.
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            /// <summary>The base network.</summary>
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Base { }

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Derived : Base { }
            """);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NG0029", d.Id);
        Assert.Equal("Derived", TextAt(run, d.Location));
        Assert.StartsWith("The class 'Derived' inherits 'Forward' from 'Base'", Message(d));
        Assert.Equal(["Base+1.NetGen.g.cs"], run.Result.GeneratedSources.Select(s => s.HintName));
    }

    [Theory]
    [InlineData("public void Step(float[] g, float rate) { }", "Step")]
    [InlineData("public int Parameters => 0;", "Parameters")]
    [InlineData("protected void Forward() { }", "Forward")]
    public void NG0029_a_base_class_with_a_member_of_a_generated_name_points_at_the_identifier(string member, string name)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            public class Base { {{member}} }

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net : Base { }
            """, "NG0029", "Net");
        Assert.StartsWith($"The class 'Net' inherits '{name}' from 'Base'", Message(d));
    }

    [Fact]
    public void NG0029_is_not_reported_for_a_base_class_whose_member_is_private()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            /// <summary>A base class with a private member of a generated name.</summary>
            public class Base { private void Step() { } }

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net : Base { }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(run.CompilationDiagnostics));
    }

    [Fact]
    public void NG0030_a_file_local_class_points_at_the_identifier()
    {
        // The generated partial declaration is in another file, so it would declare another type.
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            file partial class Net { }
            """, "NG0030", "Net");
        Assert.StartsWith("The class 'Net' is file-local", Message(d));
    }

    [Fact]
    public void NG0031_an_output_that_names_an_input_points_at_the_output()
    {
        // It used to say the input was "not an input or a layer".
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network]
            [Input("x", 2)]
            [Dense(1, Activation.Sigmoid, From = new[] { "x" })]
            [Output("layer1", Loss.SquaredError)]
            [Output("x", Loss.SquaredError)]
            public partial class Net { }
            """, "NG0031", "Output(\"x\", Loss.SquaredError)");
        Assert.StartsWith("The output 'x' of 'Net' names an input, but an output must be a layer", Message(d));
    }

    [Theory]
    [InlineData("[Conv(2, 5, Activation.ReLU)]", "Conv(2, 5, Activation.ReLU)", "slides a 5×5 kernel over a 4×4 image with padding 0")]
    [InlineData("[Conv(2, 3, Activation.ReLU, KernelWidth = 7, Padding = 1)]", "Conv(2, 3, Activation.ReLU, KernelWidth = 7, Padding = 1)", "slides a 3×7 kernel over a 4×4 image with padding 1")]
    [InlineData("[MaxPool(5)]", "MaxPool(5)", "slides a 5×5 window over a 4×4 image with padding 0")]
    public void NG0032_kernel_or_window_larger_than_the_input_points_at_the_layer(string layer, string span, string text)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 1, 4, 4)]
            {{layer}}
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0032", span);
        Assert.Contains(text, Message(d));
    }

    [Theory]
    [InlineData("[Conv(2, 0, Activation.ReLU)]", "Conv(2, 0, Activation.ReLU)", "KernelHeight = 0")]
    [InlineData("[Conv(2, 3, Activation.ReLU, Stride = 0)]", "Conv(2, 3, Activation.ReLU, Stride = 0)", "Stride = 0")]
    [InlineData("[Conv(2, 3, Activation.ReLU, KernelWidth = -1)]", "Conv(2, 3, Activation.ReLU, KernelWidth = -1)", "KernelWidth = -1")]
    [InlineData("[MaxPool(0)]", "MaxPool(0)", "the window's size = 0")]
    [InlineData("[AvgPool(2, Stride = -2)]", "AvgPool(2, Stride = -2)", "Stride = -2")]
    public void NG0033_kernel_window_or_stride_not_positive_points_at_the_layer(string layer, string span, string text)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 1, 8, 8)]
            {{layer}}
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0033", span);
        Assert.Contains(text, Message(d));
    }

    [Fact]
    public void NG0034_negative_padding_points_at_the_conv()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 1, 8, 8)]
            [Conv(2, 3, Activation.ReLU, Padding = -1)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0034", "Conv(2, 3, Activation.ReLU, Padding = -1)");
        Assert.Equal("'layer1' of 'Net' has Padding = -1; the zeros added on every side of the image are 0 or more", Message(d));
    }

    [Theory]
    [InlineData("[Input(\"pixels\", 64)] [Conv(2, 3, Activation.ReLU)]", "Conv(2, 3, Activation.ReLU)", "'pixels', a vector of 64 values")]
    [InlineData("[Input(\"pixels\", 1, 8, 8)] [Dense(9, Activation.ReLU)] [MaxPool(2)]", "MaxPool(2)", "'layer1', a vector of 9 values")]
    public void NG0035_a_convolution_or_pool_reading_a_vector_points_at_it(string layers, string span, string text)
    {
        Diagnostic d = AssertOnlyDiagnostic($$"""
            [Network(Loss = Loss.SquaredError)]
            {{layers}}
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0035", span);
        Assert.Contains(text, Message(d));
    }

    [Fact]
    public void NG0036_channel_concatenation_of_unequal_images_points_at_the_conv()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 1, 8, 8)]
            [Conv(2, 3, Activation.ReLU, Name = "small")]
            [Conv(2, 3, Activation.ReLU, Name = "both", From = new[] { "image", "small" })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0036", "Conv(2, 3, Activation.ReLU, Name = \"both\", From = new[] { \"image\", \"small\" })");
        Assert.Equal("'both' of 'Net' reads 'image' of shape 1×8×8 and 'small' of shape 2×6×6; images read together are stacked along channels and need one height and width", Message(d));
    }

    [Fact]
    public void NG0037_a_pool_with_several_sources_points_at_it()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 1, 8, 8)]
            [Conv(2, 3, Activation.ReLU, Padding = 1, Name = "c")]
            [MaxPool(2, From = new[] { "image", "c" })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0037", "MaxPool(2, From = new[] { \"image\", \"c\" })");
        Assert.Equal("'layer2' of 'Net' reads 2 sources; a pool reads one image (sum or concatenate them in an earlier layer)", Message(d));
    }

    [Fact]
    public void NG0019_a_sum_of_images_of_one_size_but_two_shapes_points_at_the_add()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Loss = Loss.SquaredError)]
            [Input("a", 2, 4, 4)]
            [Input("b", 8, 2, 2)]
            [Add("s", "a", "b")]
            [Dense(1, Activation.Sigmoid, From = new[] { "s" })]
            public partial class Net { }
            """, "NG0019", "Add(\"s\", \"a\", \"b\")");
        Assert.Equal("'s' of 'Net' adds 'b' of shape 8×2×2 to 'a' of shape 2×4×4; an element-wise sum needs sources of one shape", Message(d));
    }

    [Fact]
    public void NG0003_an_image_input_with_a_dimension_of_zero_points_at_it()
    {
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 1, 0, 28)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0003", "Input(\"image\", 1, 0, 28)");
        Assert.Contains("the image input 'image' of shape 1×0×28", Message(d));
    }

    [Fact]
    public void NG0014_counts_a_convolutions_parameters()
    {
        // 10,000 filters × 100 channels × 11 × 11 = 121,000,000 weights.
        Diagnostic d = AssertOnlyDiagnostic("""
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 100, 12, 12)]
            [Conv(10000, 11, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0014", "Conv(10000, 11, Activation.ReLU)");
        Assert.Contains("its largest layer, 'layer1', has 121,010,000", Message(d));
    }

    [Fact]
    public void Every_descriptor_has_a_test_above()
    {
        // DiagnosticDescriptors is internal to the generator; reading its table keeps this list from going stale:
        // a new ID fails here until it has a test named after it.
        var all = (IEnumerable<DiagnosticDescriptor>)typeof(NetGenGenerator).Assembly
            .GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetProperty("All")!.GetValue(null)!;
        IEnumerable<string> tested = typeof(DiagnosticTests).GetMethods()
            .Select(m => m.Name)
            .Where(n => n.StartsWith("NG", System.StringComparison.Ordinal))
            .Select(n => n[..6])
            .Distinct()
            .Order();
        Assert.Equal(all.Select(d => d.Id).Order(), tested);
        Assert.Equal(37, tested.Count());
    }

    [Fact]
    public void An_error_in_one_network_does_not_stop_another()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [Network(Inputs = 2)]
            [Dense(0, Activation.Sigmoid)]
            public partial class Broken { }

            /// <summary>Fine.</summary>
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Fine { }
            """);

        Assert.Equal("NG0004", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Equal(["Fine+1.NetGen.g.cs"], run.Result.GeneratedSources.Select(s => s.HintName));
    }

    public static TheoryData<string> Malformed => new()
    {
        // The Network attribute.
        "[Network(2)] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = )] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = \"two\")] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2.5)] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2, Loss = 1, Precision = 1)] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2, Loss = Loss.Nope)] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2, Inputs = 3)] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2, Outputs = 3)] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2)] [Network(Inputs = 3)] [Dense(1, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2, Loss = (Loss)(-1), Precision = (Precision)int.MaxValue)] [Dense(1, (Activation)(-1))] public partial class Net { }",
        // The Dense attribute.
        "[Network(Inputs = 2)] [Dense] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense()] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(3)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(3, Activation.Sigmoid, 4)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(\"3\", Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(3.5, Activation.Sigmoid)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(Activation.Sigmoid, 3)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(3, 1)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(3, Activation.Nope)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(3, Unknown)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(size: 3)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(3, Activation.Sigmoid] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(int.MaxValue, Activation.Sigmoid)] [Dense(0, Activation.Softmax)] [Dense(-5, (Activation)99)] public partial class Net { }",
        // The class and the file.
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net {",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net : Missing { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public static partial class Net { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net<T, T> { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net { } [Network(Inputs = 3)] [Dense(2, Activation.Tanh)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net { } [Network(Inputs = 3)] public partial class Net { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net { } public partial struct Net { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial interface INet { }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial record struct Net;",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public record Net;",
        "public partial class Outer<T> { [Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net<U> { public void Forward() { } } }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net { public int Forward; public void Forward() { } }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] partial class Net { partial void Forward(); }",
        "namespace { [Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net { } }",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)]",
        "[Network(Inputs = 2)] [Dense(1, Activation.Sigmoid)] public partial class Net { #if",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_never_makes_the_generator_throw(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + source);

        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Id == "CS8785");
        // None of these is a valid network: something (the compiler or NetGen) must say so.
        IEnumerable<Diagnostic> errors = run.Output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Concat(run.GeneratorDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(errors.Any(), $"No error for: {source}");
    }

    /// <summary>
    /// Runs the generator on <paramref name="source"/> (after the NetGen using) and asserts that it reports exactly one
    /// diagnostic, <paramref name="id"/>, whose span is exactly <paramref name="spanText"/>, and generates nothing.
    /// </summary>
    /// <param name="compiles">Whether the user's code itself is free of compiler errors (it is, unless the test says otherwise),
    /// so that the diagnostic is about the network, not about broken C#.</param>
    /// <param name="expectedLine">The 1-based line of the span in <paramref name="source"/>, when the text alone is ambiguous.</param>
    private static Diagnostic AssertOnlyDiagnostic(string source, string id, string spanText, bool compiles = true, int? expectedLine = null)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + source);

        Assert.Null(run.Result.Exception);
        if (compiles)
        {
            IEnumerable<Diagnostic> errors = run.Input.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error);
            Assert.True(!errors.Any(), "The test source itself does not compile:\n" + GeneratorHarness.Describe(errors));
        }
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(spanText, TextAt(run, diagnostic.Location));
        if (expectedLine is int line)
        {
            // Lines of the source as the test wrote it, after the using line the harness puts first.
            int usingLines = GeneratorHarness.Usings.Count(c => c == '\n');
            Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1 - usingLines);
        }
        Assert.Empty(run.Result.GeneratedSources);
        return diagnostic;
    }

    /// <summary>The source text a diagnostic points at, checking that its line span agrees with its character span.</summary>
    private static string TextAt(GeneratorRun run, Location location)
    {
        FileLinePositionSpan lines = location.GetLineSpan();
        SyntaxTree tree = run.Input.SyntaxTrees.Single(t => t.FilePath == lines.Path);
        TextSpan span = location.SourceSpan;
        Assert.Equal(tree.GetLineSpan(span).Span, lines.Span);
        return tree.GetText().ToString(span);
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);
}
