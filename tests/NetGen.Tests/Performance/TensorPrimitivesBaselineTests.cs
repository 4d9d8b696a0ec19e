using System;
using NetGen.Benchmarks;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Performance;

/// <summary>
/// The hand-written TensorPrimitives baseline of benchmarks/NetGen.Benchmarks computes what
/// <see cref="ReferenceNetwork{T}"/> computes, on the four benchmarked networks, so that the benchmarks compare
/// implementations of the same calculus: same parameter layout, same cost C = Σ(a − y)², same mean-gradient step.
/// </summary>
public sealed class TensorPrimitivesBaselineTests
{
    // 1e-4 relative (floor 0.1), ten times AgreementTests' float tolerance: TensorPrimitives' vectorised Sigmoid and
    // Tanh are approximations a few ulps from MathF's, and the 1-32-32-1 tanh network carries that through two 32-wide
    // layers (1.2e-5 was seen); a wrong derivative or layout is off by far more.
    private const float Tolerance = 1e-4f, Floor = 0.1f;

    public static TheoryData<string> Networks => ["2-4-1", "1-32-32-1", "784-16-16-10", "784-128-10"];

    private static NetworkSpec Spec(string name) => name switch
    {
        "2-4-1" => NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Single, (4, Activation.Sigmoid), (1, Activation.Sigmoid)),
        "1-32-32-1" => NetworkSpec.Sequential(1, Loss.SquaredError, Precision.Single, (32, Activation.Tanh), (32, Activation.Tanh), (1, Activation.Identity)),
        "784-16-16-10" => NetworkSpec.Sequential(784, Loss.SquaredError, Precision.Single, (16, Activation.Sigmoid), (16, Activation.Sigmoid), (10, Activation.Sigmoid)),
        "784-128-10" => NetworkSpec.Sequential(784, Loss.SquaredError, Precision.Single, (128, Activation.Sigmoid), (10, Activation.Sigmoid)),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_and_Backward_agree_with_the_interpreter(string name)
    {
        NetworkSpec spec = Spec(name);
        var reference = new ReferenceNetwork<float>(spec);
        var baseline = new TensorPrimitivesNetwork(spec);
        // The same seed gives the same initial parameters.
        Assert.Equal(reference.Parameters.ToArray(), baseline.Parameters.ToArray());

        var random = new Random(17);
        for (int example = 0; example < 3; example++)
        {
            Cases.Randomize(random, reference, baseline);
            float[] input = Inputs(random, spec, 1);
            float[] target = Cases.Targets<float>(spec, random, 1);

            var expectedOutput = new float[spec.OutputCount];
            var actualOutput = new float[spec.OutputCount];
            reference.Forward(input, expectedOutput);
            baseline.Forward(input, actualOutput);
            AgreementTests.AssertClose(expectedOutput, actualOutput, Tolerance, Floor, "output");

            // Backward adds into the gradient: start both from the same non-zero values.
            float[] expectedGradient = Cases.Uniform<float>(random, spec.ParameterCount, 0.1);
            float[] actualGradient = (float[])expectedGradient.Clone();
            float expectedCost = reference.Backward(input, target, expectedGradient);
            float actualCost = baseline.Backward(input, target, actualGradient);
            Assert.True(expectedCost > 0f);
            AgreementTests.AssertClose([expectedCost], [actualCost], Tolerance, Floor, "cost");
            AgreementTests.AssertClose(expectedGradient, actualGradient, Tolerance, Floor, "gradient", spec);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatch_and_Step_agree_with_the_interpreter(string name)
    {
        NetworkSpec spec = Spec(name);
        var reference = new ReferenceNetwork<float>(spec);
        var baseline = new TensorPrimitivesNetwork(spec);
        var random = new Random(29);
        Cases.Randomize(random, reference, baseline);
        foreach (int rows in new[] { 1, 7, 32 })
        {
            float[] inputs = Inputs(random, spec, rows);
            float[] targets = Cases.Targets<float>(spec, random, rows);
            float expected = reference.TrainBatch(inputs, targets, 0.3f);
            float actual = baseline.TrainBatch(inputs, targets, 0.3f);
            AgreementTests.AssertClose([expected], [actual], Tolerance, Floor, $"mean cost of {rows} rows");
            AgreementTests.AssertClose(reference.Parameters.ToArray(), baseline.Parameters.ToArray(), Tolerance, Floor, $"parameters after {rows} rows", spec);
        }

        float[] gradient = Cases.Uniform<float>(random, spec.ParameterCount, 1.0);
        reference.Step(gradient, 0.25f);
        baseline.Step(gradient, 0.25f);
        AgreementTests.AssertClose(reference.Parameters.ToArray(), baseline.Parameters.ToArray(), Tolerance, Floor, "parameters after Step", spec);
    }

    [Fact]
    public void Networks_it_does_not_implement_are_refused()
    {
        var relu = NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Single, (3, Activation.ReLU), (1, Activation.Sigmoid));
        var crossEntropy = NetworkSpec.Sequential(2, Loss.CrossEntropy, Precision.Single, (3, Activation.Softmax));
        Assert.Throws<NotSupportedException>(() => new TensorPrimitivesNetwork(relu));
        Assert.Throws<NotSupportedException>(() => new TensorPrimitivesNetwork(crossEntropy));
    }

    // Pixel-like inputs for the 784-wide networks ([0, 1/16], so that a sum of 784 weighted inputs stays in the
    // sigmoid's working range), and [−1.5, 1.5] for the small ones.
    private static float[] Inputs(Random random, NetworkSpec spec, int rows)
    {
        if (spec.InputCount < 100) return Cases.Uniform<float>(random, rows * spec.InputCount, 1.5);
        var inputs = new float[rows * spec.InputCount];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble() / 16;
        return inputs;
    }
}
