using System;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Performance;

/// <summary>
/// The MNIST-sized networks against <see cref="ReferenceNetwork{T}"/> on every path of the generated code: Forward,
/// Backward and Step, TrainBatch of one row (the per-example path), of a full batch of 32 on one core, and of a batch
/// large enough to go multi-core. <see cref="JitLimitTests"/> also runs these tests in a child process to read which
/// of the generated methods the JIT optimised.
/// </summary>
public sealed class WideNetworkTests
{
    // As in AgreementTests: 1e-5 relative in float, with a floor of 0.1 for values near zero. Wide dot products (784
    // terms) added in a different order than the interpreter's stay well within it.
    private const float Tolerance = 1e-5f, Floor = 0.1f;

    public static TheoryData<string> Networks => [nameof(Perf784_128_10), nameof(Perf784_300_100_10), nameof(Perf784_16_16_10)];

    private static (INetwork<float> Network, int Threshold, Action<int> SetCores) Create(string name) => name switch
    {
        nameof(Perf784_128_10) => With(new Perf784_128_10(), Perf784_128_10.ParallelBatchThreshold, (n, c) => n.MaxDegreeOfParallelism = c),
        nameof(Perf784_300_100_10) => With(new Perf784_300_100_10(), Perf784_300_100_10.ParallelBatchThreshold, (n, c) => n.MaxDegreeOfParallelism = c),
        nameof(Perf784_16_16_10) => With(new Perf784_16_16_10(), Perf784_16_16_10.ParallelBatchThreshold, (n, c) => n.MaxDegreeOfParallelism = c),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    private static (INetwork<float>, int, Action<int>) With<TNetwork>(TNetwork network, int threshold, Action<TNetwork, int> setCores)
        where TNetwork : INetwork<float> => (network, threshold, cores => setCores(network, cores));

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_Backward_and_Step_agree_with_the_interpreter(string name)
    {
        INetwork<float> generated = Create(name).Network;
        var reference = new ReferenceNetwork<float>(generated.Spec);
        var random = new Random(784);
        Cases.Randomize(random, generated, reference);
        // Pixel-like inputs in [0, 1]: a Randomize-scale weight (±0.8) times 784 inputs of ±1.5 would saturate every sigmoid.
        float[] input = Cases.Uniform<float>(random, generated.InputCount, 0.5);
        for (int i = 0; i < input.Length; i++) input[i] = (input[i] + 0.5f) / 16;
        float[] target = Cases.Targets<float>(generated.Spec, random, 1);

        var expectedOutput = new float[generated.OutputCount];
        var actualOutput = new float[generated.OutputCount];
        reference.Forward(input, expectedOutput);
        generated.Forward(input, actualOutput);
        AgreementTests.AssertClose(expectedOutput, actualOutput, Tolerance, Floor, "output");

        var expectedGradient = new float[generated.ParameterCount];
        var actualGradient = new float[generated.ParameterCount];
        float expectedCost = reference.Backward(input, target, expectedGradient);
        float actualCost = generated.Backward(input, target, actualGradient);
        AgreementTests.AssertClose([expectedCost], [actualCost], Tolerance, Floor, "cost");
        AgreementTests.AssertClose(expectedGradient, actualGradient, Tolerance, Floor, "gradient", generated.Spec);
        Assert.Contains(actualGradient, g => g != 0f);

        reference.Step(expectedGradient, 0.5f);
        generated.Step(expectedGradient, 0.5f);
        AgreementTests.AssertClose(reference.Parameters.ToArray(), generated.Parameters.ToArray(), Tolerance, Floor, "parameters after a step", generated.Spec);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatch_agrees_with_the_interpreter_on_one_row_one_core_and_several_cores(string name)
    {
        (INetwork<float> generated, int threshold, Action<int> setCores) = Create(name);
        var reference = new ReferenceNetwork<float>(generated.Spec);
        var random = new Random(1998);
        Cases.Randomize(random, generated, reference);
        // One row, 32 rows (a full batch, several SIMD vectors) and enough rows for the multi-core split.
        foreach ((int rows, int cores) in new[] { (1, 1), (32, 1), (threshold + 3, 2) })
        {
            setCores(cores);
            float[] inputs = Cases.Uniform<float>(random, rows * generated.InputCount, 0.5);
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (inputs[i] + 0.5f) / 16;
            float[] targets = Cases.Targets<float>(generated.Spec, random, rows);
            float expected = reference.TrainBatch(inputs, targets, 0.5f);
            float actual = generated.TrainBatch(inputs, targets, 0.5f);
            AgreementTests.AssertClose([expected], [actual], Tolerance, Floor, $"mean cost of {rows} rows on {cores} cores");
            AgreementTests.AssertClose(reference.Parameters.ToArray(), generated.Parameters.ToArray(), Tolerance, Floor,
                $"parameters after {rows} rows on {cores} cores", generated.Spec);
        }
    }
}
