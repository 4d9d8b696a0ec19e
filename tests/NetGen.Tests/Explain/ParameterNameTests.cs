using System;
using Xunit;

namespace NetGen.Tests.Explain;

/// <summary>A parameter name that does not exist is refused with what is wrong with it and a valid name, once.</summary>
public sealed class ParameterNameTests
{
    private static readonly NetworkSpec Spec = new(
        [new InputSpec("x", 2)],
        [
            new LayerSpec("h", LayerKind.Dense, 3, Activation.Tanh, ["x"]),
            new LayerSpec("r", LayerKind.Add, 3, Activation.Identity, ["h", "h"]),
            new LayerSpec("out", LayerKind.Dense, 1, Activation.Sigmoid, ["r"]),
        ],
        [new OutputSpec("out", Loss.SquaredError)]);

    [Theory]
    [InlineData("nope", "'nope' is not a parameter name; expected 'layer.w[j,k]' (a weight) or 'layer.b[j]' (a bias), such as 'h.w[0,0]' or 'h.b[0]'.")]
    [InlineData("h.q[0]", "'h.q[0]' is not a parameter name; expected 'layer.w[j,k]' (a weight) or 'layer.b[j]' (a bias), such as 'h.w[0,0]' or 'h.b[0]'.")]
    [InlineData("hidden.w[0,0]", "'hidden.w[0,0]' names layer 'hidden', which this network does not have; expected one of its dense layers (h, out), such as 'h.w[0,0]' or 'h.b[0]'.")]
    [InlineData("r.w[0,0]", "'r.w[0,0]' names 'r', a sum, which has no parameters; expected one of the dense layers (h, out), such as 'h.w[0,0]' or 'h.b[0]'.")]
    [InlineData("h.w[0]", "'h.w[0]' is not a weight name; expected 'h.w[j,k]' with whole numbers j and k, such as 'h.w[0,0]'.")]
    [InlineData("h.b[-1]", "'h.b[-1]' is not a bias name; expected 'h.b[j]' with a whole number j, such as 'h.b[0]'.")]
    [InlineData("h.w[3,0]", "'h.w[3,0]' has neuron index 3; expected 0 to 2, since h has 3 neuron(s).")]
    [InlineData("h.w[0,2]", "'h.w[0,2]' has input index 2; expected 0 to 1, since h reads 2 value(s).")]
    [InlineData("out.b[1]", "'out.b[1]' has neuron index 1; expected 0 to 0, since out has 1 neuron(s).")]
    public void Explain_says_what_is_wrong_with_the_name_without_repeating_the_parameter(string name, string message)
    {
        var network = new ReferenceNetwork<double>(Spec);

        var explain = Assert.Throws<ArgumentException>(() => GradientExplanation.Explain<double>(network, [0.5, -0.5], [1.0], name));
        var index = Assert.Throws<ArgumentException>(() => Spec.ParameterIndex(name));

        Assert.Equal("parameterName", explain.ParamName);
        Assert.Equal(message + " (Parameter 'parameterName')", explain.Message);
        Assert.Equal("name", index.ParamName);
        Assert.Equal(message + " (Parameter 'name')", index.Message);
    }

    [Fact]
    public void Every_parameter_name_round_trips()
    {
        for (int i = 0; i < Spec.ParameterCount; i++) Assert.Equal(i, Spec.ParameterIndex(Spec.ParameterName(i)));
        Assert.Equal(Spec.BiasOffset(2), Spec.ParameterIndex("out.b[0]"));
        Assert.Equal(Spec.WeightOffset(2) + 2, Spec.ParameterIndex("out.w[0,2]"));
    }
}
