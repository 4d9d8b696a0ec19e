using System;
using Xunit;

namespace NetGen.Tests.Generated;

/// <summary>A span of the wrong length is refused with an exception that names the argument, the expected and the actual
/// length, before anything is written to the caller's spans or to the parameters.</summary>
public sealed class ArgumentTests
{
    [Fact]
    public void Forward_names_the_input_and_its_lengths()
    {
        var network = new XorF();
        float[] output = [42f];
        var error = Assert.Throws<ArgumentException>(() => network.Forward(new float[3], output));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("length 3", error.Message);
        Assert.Contains("expected 2", error.Message);
        Assert.Equal(42f, output[0]);

        error = Assert.Throws<ArgumentException>(() => network.Forward(new float[2], new float[2]));
        Assert.Equal("output", error.ParamName);
    }

    [Fact]
    public void Backward_checks_every_span_before_writing_the_gradient()
    {
        var network = new XorF();
        var gradient = new float[XorF.ParameterCount];
        Array.Fill(gradient, 7f);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => network.Backward(new float[2], new float[2], gradient)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => network.Backward(new float[1], new float[1], gradient)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => network.Backward(new float[2], new float[1], new float[12]));
        Assert.Equal("gradient", error.ParamName);
        Assert.Contains("expected 13", error.Message);
        Assert.All(gradient, g => Assert.Equal(7f, g));
    }

    [Fact]
    public void TrainBatch_and_Step_leave_the_parameters_alone_on_bad_input()
    {
        var network = new XorF();
        float[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[5], new float[2], 0.1f));
        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("non-zero multiple of InputCount = 2", error.Message);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.TrainBatch([], [], 0.1f)).ParamName);
        error = Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[4], new float[3], 0.1f));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("expected 2", error.Message);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => network.Step(new float[3], 0.1f)).ParamName);

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void The_interpreter_checks_the_same_way()
    {
        var network = new ReferenceNetwork<float>(XorF.Spec);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => network.Forward(new float[3], new float[1])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[4], new float[3], 0.1f)).ParamName);
    }

    [Fact]
    public void InitializeParameters_is_deterministic_and_seed_dependent()
    {
        var a = new XorF();
        var b = new XorF();
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        b.InitializeParameters(7);
        Assert.NotEqual(a.Parameters.ToArray(), b.Parameters.ToArray());
        a.InitializeParameters(7);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        // Biases start at zero; weights within the Glorot limit √(6 / (fan-in + fan-out)) of layer 1: √(6/5).
        Assert.All(a.Parameters.Slice(6, 3).ToArray(), bias => Assert.Equal(0f, bias));
        Assert.All(a.Parameters.Slice(0, 6).ToArray(), weight => Assert.InRange(weight, -MathF.Sqrt(1.2f), MathF.Sqrt(1.2f)));
    }
}
