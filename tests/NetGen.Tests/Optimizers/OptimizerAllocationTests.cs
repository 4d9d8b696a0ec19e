using System;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// A warm Step allocates nothing: the state is allocated once, on the first step. Measured with
/// GC.GetAllocatedBytesForCurrentThread over windows of 50 steps after 50 to warm up. The runtime's tiered
/// compilation can charge a few bytes to the thread once, while it promotes a method (88 and 8,176 bytes were seen);
/// a step that allocated would show in every window, so the test asks for one window of the first ten to be clean.
/// </summary>
public sealed class OptimizerAllocationTests
{
    private const int Calls = 50, Windows = 10;

    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void A_warm_step_over_784_128_10_parameters_allocates_nothing(string name)
    {
        const int parameters = 784 * 128 + 128 + 128 * 10 + 10;
        IOptimizer<float> optimizer = OptimizerCases.Get(name).Create<float>(parameters);
        var theta = new float[parameters];
        var gradient = new float[parameters];
        var random = new Random(3);
        for (int i = 0; i < parameters; i++)
        {
            theta[i] = (float)random.NextDouble();
            gradient[i] = (float)(random.NextDouble() - 0.5) * 1e-2f;
        }
        for (int i = 0; i < Calls; i++) optimizer.Step(theta, gradient);
        long least = long.MaxValue;
        for (int window = 0; window < Windows && least > 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++) optimizer.Step(theta, gradient);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }

    [Fact]
    public void The_measurement_sees_an_allocation_per_step()
    {
        // The control: an optimizer that allocated 16 bytes or more per step would never give a clean window.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) GC.KeepAlive(new object());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before >= Calls * 16L);
    }
}
