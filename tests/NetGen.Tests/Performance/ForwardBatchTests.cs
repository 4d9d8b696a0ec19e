using System;
using System.Numerics;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Performance;

/// <summary>
/// ForwardBatch — lanes for narrow networks, the blocked path for wide ones, the per-row path for the rest — against
/// Forward row by row and against <see cref="ReferenceNetwork{T}"/>, for every test network and every batch size from 1 to
/// 65 (every tail of every block and vector width), in both precisions; its spans checked before anything is written.
/// </summary>
public sealed class ForwardBatchTests
{
    public static TheoryData<string> SingleNames => new(Cases.Single.Keys);

    public static TheoryData<string> DoubleNames => new(Cases.Double.Keys);

    [Theory]
    [MemberData(nameof(SingleNames))]
    public void ForwardBatch_agrees_with_Forward_and_the_interpreter_in_float(string name) =>
        Agree(Cases.Single[name], 1e-5f, 0.1f);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void ForwardBatch_agrees_with_Forward_and_the_interpreter_in_double(string name) =>
        Agree(Cases.Double[name], 1e-12, 1e-4);   // as the agreement tests: values near zero keep their terms' rounding

    private static void Agree<T>(Func<INetwork<T>> create, T tolerance, T floor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        INetwork<T> network = create();
        var reference = new ReferenceNetwork<T>(network.Spec);
        var random = new Random(65);
        Cases.Randomize(random, network, reference);
        int maxRows = network.InputCount > 1000 ? 9 : 65;   // LeNet-sized inputs: the tails of small blocks only
        T[] inputs = Cases.Uniform<T>(random, maxRows * network.InputCount, 1.5);
        var expected = new T[maxRows * network.OutputCount];
        for (int r = 0; r < maxRows; r++)
            network.Forward(inputs.AsSpan(r * network.InputCount, network.InputCount), expected.AsSpan(r * network.OutputCount, network.OutputCount));
        var fromReference = new T[maxRows * network.OutputCount];
        ((INetwork<T>)reference).ForwardBatch(inputs, fromReference);

        for (int rows = 1; rows <= maxRows; rows++)
        {
            var actual = new T[rows * network.OutputCount];
            network.ForwardBatch(inputs.AsSpan(0, rows * network.InputCount), actual);
            AgreementTests.AssertClose(expected[..actual.Length], actual, tolerance, floor, $"ForwardBatch of {rows} rows against Forward");
            AgreementTests.AssertClose(fromReference[..actual.Length], actual, tolerance, floor, $"ForwardBatch of {rows} rows against the interpreter");
        }
    }

    [Fact]
    public void ForwardBatch_checks_its_spans_before_writing()
    {
        var network = new XorF();
        float[] outputs = [7f, 7f, 7f];
        var inputs = Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[5], outputs));
        Assert.Equal("inputs", inputs.ParamName);
        Assert.Contains("expected a non-zero multiple of InputCount = 2", inputs.Message);
        var output = Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[4], outputs));
        Assert.Equal("outputs", output.ParamName);
        Assert.Contains("outputs has length 3; expected 2 (2 rows of OutputCount = 1", output.Message);
        Assert.Throws<ArgumentException>(() => network.ForwardBatch([], []));
        Assert.All(outputs, o => Assert.Equal(7f, o));
    }
}
