using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using CsCheck;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Property-based tests (CsCheck) over random declarations (<see cref="RandomDeclaration"/>): for a valid one the generator
/// never throws, reports nothing, the output compiles with no warning or error, and the network agrees with
/// <see cref="ReferenceNetwork{T}"/> on outputs, costs, gradients and a batch step; for one with a mistake it reports an
/// NG error and generates no code. CsCheck draws a seed per case and prints it when a case fails.
/// </summary>
public sealed class PropertyTests
{
    /// <summary>Cases per run: each valid case compiles and loads an assembly (~0.3 s), an invalid one only runs the generator.
    /// NETGEN_PROPERTY_SCALE=10 runs ten times as many (a longer search, by hand).</summary>
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("NETGEN_PROPERTY_SCALE"), out int scale) && scale > 0 ? scale : 1;
    private static readonly int ValidCases = 60 * Scale, InvalidCases = 300 * Scale;

    [Fact]
    public void Random_valid_declarations_compile_cleanly_and_agree_with_the_interpreter()
    {
        int cases = 0;
        Gen.Int.Sample(seed =>
        {
            RandomDeclaration declaration = RandomDeclaration.Valid(new Random(seed));
            CheckValid(declaration);
            cases++;
        }, iter: ValidCases, threads: 1);
        Assert.Equal(ValidCases, cases);
    }

    [Fact]
    public void Random_declarations_with_a_mistake_get_an_NG_error_and_no_code()
    {
        var mistakes = new Dictionary<string, int>();
        Gen.Int.Sample(seed =>
        {
            RandomDeclaration declaration = RandomDeclaration.Invalid(new Random(seed), out string mistake);
            GeneratorRun run = GeneratorHarness.Run(declaration.ToSource());
            Assert.Null(run.Result.Exception);
            Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
            Assert.True(run.GeneratorDiagnostics.Any(d => d.Id.StartsWith("NG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error),
                $"No NG error for {mistake}:\n{declaration}");
            Assert.Empty(run.Result.GeneratedSources);
            mistakes[mistake] = mistakes.GetValueOrDefault(mistake) + 1;
        }, iter: InvalidCases, threads: 1);
        // Every kind of mistake was drawn (12 kinds, 300 cases).
        Assert.True(mistakes.Count >= 10, "Mistakes drawn: " + string.Join(", ", mistakes.Select(m => $"{m.Key} ×{m.Value}")));
    }

    private static void CheckValid(RandomDeclaration declaration)
    {
        string source = declaration.ToSource();
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Null(run.Result.Exception);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, $"{GeneratorHarness.Describe(run.GeneratorDiagnostics)}\n{source}");
        Assert.Single(run.Result.GeneratedSources);
        List<Diagnostic> problems = GeneratorHarness.WarningsAndErrors(run.CompilationDiagnostics).ToList();
        Assert.True(problems.Count == 0, $"{GeneratorHarness.Describe(problems)}\n{source}");

        using var compiled = new CompiledNetwork(run);
        object network = compiled.Create(declaration.MetadataName);
        if (declaration.IsDouble) Agree((INetwork<double>)network, 1e-10, source);
        else Agree((INetwork<float>)network, 1e-4f, source);
    }

    /// <summary>The generated network against the interpreter (in double, on the same parameters): outputs, cost and gradient
    /// of three examples, then the parameters after one TrainBatch step of 9 rows (lanes and a scalar tail).</summary>
    private static void Agree<T>(INetwork<T> generated, T tolerance, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reference = new ReferenceNetwork<double>(generated.Spec);
        ToDouble(generated.Parameters.ToArray()).CopyTo(reference.Parameters);
        var random = new Random(7);
        NetworkSpec spec = generated.Spec;
        // As in the agreement tests: values near zero are measured against a floor (0.1 in float, whose sums of terms of
        // size ~1 carry absolute errors of ~1e-6; 1e-4 in double), gradient entries against 1e-3 of the largest entry too.
        double floor = typeof(T) == typeof(float) ? 0.1 : 1e-4;
        for (int example = 0; example < 3; example++)
        {
            T[] input = Values<T>(random, generated.InputCount);
            T[] target = Targets<T>(random, spec, 1);
            var expected = new double[generated.OutputCount];
            var actual = new T[generated.OutputCount];
            reference.Forward(ToDouble(input), expected);
            generated.Forward(input, actual);
            AssertClose(expected, actual, tolerance, floor, "output", source);

            var expectedGradient = new double[generated.ParameterCount];
            var actualGradient = new T[generated.ParameterCount];
            double expectedCost = reference.Backward(ToDouble(input), ToDouble(target), expectedGradient);
            T actualCost = generated.Backward(input, target, actualGradient);
            AssertClose([expectedCost], [actualCost], tolerance, floor, "cost", source);
            AssertClose(expectedGradient, actualGradient, tolerance, Math.Max(floor, 1e-3 * expectedGradient.Max(Math.Abs)), "gradient", source);
        }

        const int rows = 9;
        T[] inputs = Values<T>(random, rows * generated.InputCount);
        T[] targets = Targets<T>(random, spec, rows);
        double expectedBatch = reference.TrainBatch(ToDouble(inputs), ToDouble(targets), 0.05);
        T actualBatch = generated.TrainBatch(inputs, targets, T.CreateChecked(0.05));
        AssertClose([expectedBatch], [actualBatch], tolerance, floor, "batch cost", source);
        AssertClose(reference.Parameters.ToArray(), generated.Parameters.ToArray(), tolerance, Math.Max(floor, 1e-3), "parameters after a step", source);
    }

    private static T[] Values<T>(Random random, int count) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked(random.NextDouble() * 3 - 1.5)).ToArray();

    /// <summary>Targets of every output: probabilities that sum to 1 for cross-entropy, values in [0, 1] otherwise.</summary>
    private static T[] Targets<T>(Random random, NetworkSpec spec, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var targets = new List<T>();
        for (int r = 0; r < rows; r++)
        {
            foreach (OutputSpec output in spec.Outputs)
            {
                double[] y = Enumerable.Range(0, spec.SizeOf(output.Source)).Select(_ => random.NextDouble()).ToArray();
                if (output.Loss == Loss.CrossEntropy)
                {
                    double total = y.Sum();
                    for (int j = 0; j < y.Length; j++) y[j] /= total;
                }
                targets.AddRange(y.Select(T.CreateChecked));
            }
        }
        return targets.ToArray();
    }

    private static double[] ToDouble<T>(T[] values) where T : unmanaged, IFloatingPointIeee754<T> => values.Select(double.CreateChecked).ToArray();

    private static void AssertClose<T>(double[] expected, T[] actual, T tolerance, double floor, string what, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateChecked(actual[i]);
            double error = Math.Abs(expected[i] - a) / Math.Max(Math.Max(Math.Abs(expected[i]), Math.Abs(a)), floor);
            Assert.True(error <= double.CreateChecked(tolerance),
                $"{what}[{i}]: interpreter {expected[i]:R}, generated {a:R}, relative error {error:E2}\n{source}");
        }
    }
}
