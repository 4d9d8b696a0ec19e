using System;
using Xunit;

namespace NetGen.Tests.Generated;

public sealed class XorTests
{
    [Fact]
    public void XorNet_trains_below_a_mean_cost_of_0_01_and_classifies_all_four_inputs()
    {
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        var network = new XorF();   // 2-3-1 sigmoid, squared error, the default seed

        float first = network.TrainBatch(inputs, targets, 2f);
        float cost = first;
        int epochs = 1;
        while (cost >= 0.01f && epochs < 5000)
        {
            cost = network.TrainBatch(inputs, targets, 2f);
            epochs++;
        }

        Assert.True(cost < 0.01f, $"mean cost {cost} after {epochs} epochs");
        Assert.True(first > 0.2f, $"the untrained network already had a low cost: {first}");
        Span<float> output = stackalloc float[1];
        for (int row = 0; row < 4; row++)
        {
            network.Forward(inputs.AsSpan(row * 2, 2), output);
            Assert.Equal(targets[row], output[0] > 0.5f ? 1f : 0f);
        }
    }
}
