using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Xunit;

namespace NetGen.OnnxTests;

/// <summary>
/// ONNX Runtime, running the exported model, against the network's own Forward: 100 seeded random inputs one row at a
/// time, then the same 100 rows in batches of 32 (32, 32, 32, 4) through the symbolic batch dimension.
/// </summary>
public sealed class AgreementTests(ITestOutputHelper output)
{
    private const int Examples = 100, Batch = 32;

    // The relative deviation of two values is |a − b| / max(|a|, |b|, floor), as in NetGen.Tests' AgreementTests: the
    // floor keeps outputs near zero (an Identity output of −0.005) from turning a rounding difference into a large
    // relative error. ONNX Runtime (MLAS) and NetGen add the products of a Gemm in different orders, so two float results
    // differ by a few units in the last place of the sum's largest terms (~2e-7 absolute for terms of size ~1), whatever
    // the size of the result; hence a floor of 0.1 in float and, by the same reasoning at ~1e-16, 1e-4 in double.
    private const double SingleTolerance = 1e-5, SingleFloor = 0.1;
    private const double DoubleTolerance = 1e-12, DoubleFloor = 1e-4;

    // LeakyRelu's alpha is a float attribute in ONNX: in a double model it is 0.01f = 0.0099999997764825821, 2.2e-8 from
    // NetGen's 0.01, and a sum in the next layer in which the leaky terms nearly cancel magnifies that (5.7e-7 seen).
    private const double DoubleLeakyTolerance = 2e-6;

    [Theory]
    [MemberData(nameof(Cases.SingleNames), MemberType = typeof(Cases))]
    public void Float_networks_agree_with_OnnxRuntime(string name) =>
        Agree(name, Cases.Single[name](), SingleTolerance, SingleFloor);

    [Theory]
    [MemberData(nameof(Cases.DoubleNames), MemberType = typeof(Cases))]
    public void Double_networks_agree_with_OnnxRuntime(string name) =>
        Agree(name, Cases.Double[name](), name.Contains("leaky", StringComparison.Ordinal) ? DoubleLeakyTolerance : DoubleTolerance, DoubleFloor);

    /// <summary>
    /// Convolutional networks (run by the interpreter, since the generator does not emit convolutions yet), in float:
    /// ONNX Runtime's Conv, MaxPool, AveragePool, GlobalAveragePool, Flatten and Concat against NetGen's semantics.
    /// </summary>
    /// <remarks>
    /// The floor of 0.1 stands for "a few units in the last place of terms of size ~1". A deep ReLU network such as
    /// LeNet-5 at its seeded initialisation has hidden values and outputs of size ~3 (and ~10 inside), so each float
    /// implementation, ONNX Runtime's included, is ~1e-6 absolute from the exact result (the double interpreter): with the
    /// floor left at 0.1 the two differ by up to 1.1e-5 "relative" on outputs near 0.1, ONNX Runtime itself being 9e-6 from
    /// the exact value there. So the floor is scaled by the outputs' size: 0.1 × max(1, largest |output| of the batch),
    /// which leaves it at 0.1 for every network whose outputs stay within ±1. A semantic error (a transposed kernel, a
    /// padding off by one, the wrong window) moves outputs by orders of magnitude more.
    /// </remarks>
    [Theory]
    [MemberData(nameof(ConvCases.Names), MemberType = typeof(ConvCases))]
    public void Convolutional_networks_agree_with_OnnxRuntime(string name) =>
        Agree(name, new ReferenceNetwork<float>(ConvCases.Specs[name]()), SingleTolerance, SingleFloor, scaleFloorByOutputs: true);

    private void Agree<T>(string name, INetwork<T> network, double tolerance, double floor, bool scaleFloorByOutputs = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Cases.Randomize(network, seed: 7);
        using var oracle = new OnnxRuntimeOracle<T>(network.Spec, Onnx.ToBytes(network));
        var random = new Random(20261201);
        T[] inputs = Cases.Uniform<T>(random, Examples * network.InputCount);
        var expected = new T[Examples * network.OutputCount];
        for (int r = 0; r < Examples; r++)
            network.Forward(inputs.AsSpan(r * network.InputCount, network.InputCount), expected.AsSpan(r * network.OutputCount, network.OutputCount));

        var single = new T[Examples * network.OutputCount];
        for (int r = 0; r < Examples; r++)
            oracle.Run(inputs.AsSpan(r * network.InputCount, network.InputCount), 1).CopyTo(single, r * network.OutputCount);
        var batched = new T[Examples * network.OutputCount];
        for (int r = 0; r < Examples; r += Batch)
        {
            int rows = Math.Min(Batch, Examples - r);
            oracle.Run(inputs.AsSpan(r * network.InputCount, rows * network.InputCount), rows).CopyTo(batched, r * network.OutputCount);
        }

        double largest = expected.Max(e => Math.Abs(double.CreateChecked(e)));
        if (scaleFloorByOutputs)
        {
            Deviation unscaled = Compare(expected, single, floor, network.OutputCount);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{typeof(T).Name} {name}: largest |output| {largest:G3}; with the floor at {floor} the batch-1 max relative deviation is {unscaled.Relative:E2}"));
            floor *= Math.Max(1, largest);
        }
        Deviation one = Compare(expected, single, floor, network.OutputCount);
        Deviation many = Compare(expected, batched, floor, network.OutputCount);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{typeof(T).Name} {name}: batch 1 max relative {one.Relative:E2} (absolute {one.Absolute:E2}); batch {Batch} max relative {many.Relative:E2} (absolute {many.Absolute:E2}); floor {floor:G3}"));
        Assert.True(one.Relative <= tolerance, $"Batch 1: {one.Describe()}; expected a relative deviation of at most {tolerance:E0}.");
        Assert.True(many.Relative <= tolerance, $"Batch {Batch}: {many.Describe()}; expected a relative deviation of at most {tolerance:E0}.");
    }

    private readonly record struct Deviation(double Relative, double Absolute, int Index, double Expected, double Actual, int OutputCount)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"row {Index / OutputCount}, output {Index % OutputCount}: Forward gave {Expected:R}, ONNX Runtime {Actual:R} (relative {Relative:E2})");
    }

    private static Deviation Compare<T>(T[] expected, T[] actual, double floor, int outputCount) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Deviation worst = new(0, 0, 0, 0, 0, outputCount);
        double worstAbsolute = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            double absolute = Math.Abs(e - a);
            double relative = absolute / Math.Max(Math.Max(Math.Abs(e), Math.Abs(a)), floor);
            if (double.IsNaN(a) || double.IsNaN(e)) relative = double.PositiveInfinity;
            worstAbsolute = Math.Max(worstAbsolute, absolute);
            if (relative > worst.Relative || i == 0) worst = new(relative, absolute, i, e, a, outputCount);
        }
        return worst with { Absolute = worstAbsolute };
    }
}
