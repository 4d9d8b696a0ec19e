using System;
using System.Linq;
using System.Numerics;
using Xunit;

namespace NetGen.Tests.Generated;

/// <summary>
/// Generated code against <see cref="ReferenceNetwork{T}"/>, the interpreter written independently of the emitter:
/// outputs, cost and every gradient agree within 1e-12 relative in double and 1e-5 in float.
/// </summary>
public sealed class AgreementTests
{
    // The relative error of two values is |a − b| / max(|a|, |b|, floor): a floor keeps values near zero from turning
    // a rounding difference into a large relative error. The expected values come from the interpreter run in double on
    // the same (rounded) parameters and inputs, so a float network is measured against the exact result, not against
    // another float computation with rounding errors of its own. Float sums of terms of size ~1 still carry absolute
    // errors of ~1e-7 whatever their result, compounded over several layers, hence a floor of 0.1 for float; in double
    // the same reasoning at ~1e-16 gives a floor of 1e-4 (a gradient of 9e-5 was seen to differ by 9e-17 absolute).
    private const double DoubleTolerance = 1e-12, ConvolutionDoubleTolerance = 5e-12, DoubleFloor = 1e-4;
    private const float SingleTolerance = 1e-5f, SingleFloor = 0.1f;

    [Theory]
    [MemberData(nameof(Cases.DoubleNames), MemberType = typeof(Cases))]
    public void Double_precision_agrees_with_the_interpreter(string name)
    {
        INetwork<double> network = Cases.Double[name]();
        // A convolution's weight gradient sums over every output position (positions × kernel terms, not one per example),
        // added in another order than the interpreter's, so its rounding is a few times a dense layer's: 1.3e-12 was
        // measured on a stride-2 convolution; 5e-12 keeps the same standard for those longer sums.
        bool convolutional = network.Spec.Layers.Any(l => l.Kind == LayerKind.Conv);
        Agree(network, convolutional ? ConvolutionDoubleTolerance : DoubleTolerance, DoubleFloor);
    }

    [Theory]
    [MemberData(nameof(Cases.SingleNames), MemberType = typeof(Cases))]
    public void Single_precision_agrees_with_the_interpreter(string name) =>
        Agree(Cases.Single[name](), SingleTolerance, SingleFloor);

    private static void Agree<T>(INetwork<T> generated, T tolerance, T floor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A new instance of each holds the same deterministic initial parameters.
        Assert.Equal(new ReferenceNetwork<T>(generated.Spec).Parameters.ToArray(), generated.Parameters.ToArray());

        var reference = new ReferenceNetwork<double>(generated.Spec);
        var random = new Random(20261125);
        for (int example = 0; example < 5; example++)
        {
            Cases.Randomize(random, generated);
            CopyParameters(generated, reference);
            T[] input = Cases.Uniform<T>(random, generated.InputCount, 1.5);
            T[] target = Cases.Targets<T>(generated.Spec, random, 1);

            var expectedOutput = new double[generated.OutputCount];
            var actualOutput = new T[generated.OutputCount];
            reference.Forward(ToDouble(input), expectedOutput);
            generated.Forward(input, actualOutput);
            AssertClose(FromDouble<T>(expectedOutput), actualOutput, tolerance, floor, "output");

            var expectedGradient = new double[generated.ParameterCount];
            var actualGradient = new T[generated.ParameterCount];
            double expectedCost = reference.Backward(ToDouble(input), ToDouble(target), expectedGradient);
            T actualCost = generated.Backward(input, target, actualGradient);
            AssertClose([T.CreateChecked(expectedCost)], [actualCost], tolerance, floor, "cost");
            // A gradient's entries differ in size by orders of magnitude; one that is small because its terms cancel
            // keeps the absolute rounding error of those terms. Its error is measured against at least 1e-3 of the
            // largest entry: rounding sized to the gradient, not to the entry.
            T scale = T.CreateChecked(1e-3 * expectedGradient.Max(Math.Abs));
            AssertClose(FromDouble<T>(expectedGradient), actualGradient, tolerance, T.Max(floor, scale), "gradient", generated.Spec);
        }

        // A batch step: the mean cost and the parameters after θ ← θ − η·mean(g) agree too.
        Cases.Randomize(random, generated);
        CopyParameters(generated, reference);
        const int rows = 7;
        T[] inputs = Cases.Uniform<T>(random, rows * generated.InputCount, 1.5);
        T[] targets = Cases.Targets<T>(generated.Spec, random, rows);
        T rate = T.CreateChecked(0.1);
        double expectedBatchCost = reference.TrainBatch(ToDouble(inputs), ToDouble(targets), double.CreateChecked(rate));
        AssertClose([T.CreateChecked(expectedBatchCost)], [generated.TrainBatch(inputs, targets, rate)], tolerance, floor, "batch cost");
        // Parameters are of size ~1: a rounding difference in a small one is measured against that scale.
        AssertClose(FromDouble<T>(reference.Parameters.ToArray()), generated.Parameters.ToArray(), tolerance, T.Max(floor, T.CreateChecked(1e-3)), "parameters after a step", generated.Spec);
    }

    private static void CopyParameters<T>(INetwork<T> from, INetwork<double> to) where T : unmanaged, IFloatingPointIeee754<T> =>
        ToDouble(from.Parameters.ToArray()).CopyTo(to.Parameters);

    private static double[] ToDouble<T>(T[] values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Array.ConvertAll(values, double.CreateChecked);

    private static T[] FromDouble<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Array.ConvertAll(values, T.CreateChecked);

    internal static void AssertClose<T>(T[] expected, T[] actual, T tolerance, T floor, string what, NetworkSpec? spec = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(T.IsFinite(expected[i]), $"{what}[{i}] of the reference is not finite: {expected[i]}");
            T error = GradientChecker.RelativeError(expected[i], actual[i], floor);
            string label = spec is null ? $"{what}[{i}]" : $"{what} {spec.ParameterName(i)}";
            Assert.True(error <= tolerance, $"{label}: reference {expected[i]:R}, generated {actual[i]:R}, relative error {error:E2} > {tolerance:E0}");
        }
    }
}
