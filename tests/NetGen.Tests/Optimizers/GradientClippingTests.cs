using System;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Acceptance 2, clipping: <see cref="Gradients.ClipByNorm{T}"/> returns the norm before clipping and multiplies the
/// gradient by min(1, maxNorm / (norm + 1e-6)), torch.nn.utils.clip_grad_norm_'s coefficient, checked by hand.
/// </summary>
public sealed class GradientClippingTests
{
    [Fact]
    public void A_gradient_longer_than_max_norm_is_scaled_to_it()
    {
        double[] g = [3, 4, 0];                                 // ‖g‖ = √(9 + 16) = 5
        double norm = Gradients.ClipByNorm<double>(g, 1.0);
        Assert.Equal(5.0, norm);
        double c = 1.0 / (5.0 + 1e-6);                          // c = maxNorm / (‖g‖ + 1e-6)
        Assert.Equal([3 * c, 4 * c, 0], g);
    }

    [Fact]
    public void A_gradient_shorter_than_max_norm_is_left_as_it_is()
    {
        double[] g = [3, -4];
        Assert.Equal(5.0, Gradients.ClipByNorm<double>(g, 10.0));
        Assert.Equal([3.0, -4.0], g);
    }

    [Fact]
    public void A_gradient_exactly_at_max_norm_is_still_scaled_by_the_1e_6_in_the_denominator()
    {
        // As PyTorch: c = 5 / (5 + 1e-6) < 1.
        float[] g = [3, 4];
        Assert.Equal(5f, Gradients.ClipByNorm<float>(g, 5f));
        float c = 5f / (5f + 1e-6f);
        Assert.Equal([3 * c, 4 * c], g);
    }

    [Fact]
    public void A_large_float_gradient_gets_the_double_precision_norm_and_the_clipped_values()
    {
        var random = new Random(9);
        var g = new float[101_770];
        for (int i = 0; i < g.Length; i++) g[i] = (float)(2 * random.NextDouble() - 1);
        double sum = 0;
        foreach (float x in g) sum += (double)x * x;
        double expectedNorm = Math.Sqrt(sum);
        float[] original = (float[])g.Clone();

        float norm = Gradients.ClipByNorm<float>(g, 1f);

        Assert.True(Math.Abs(norm - expectedNorm) <= 1e-6 * expectedNorm, $"norm {norm} vs {expectedNorm}");
        Assert.Equal(norm, Gradients.Norm<float>(original));
        double c = 1.0 / (expectedNorm + 1e-6);
        for (int i = 0; i < g.Length; i++)
            Assert.True(Math.Abs(g[i] - original[i] * c) <= 1e-6 * Math.Abs(original[i] * c) + 1e-30, $"g[{i}] = {g[i]}, expected {original[i] * c}");
        double clippedNorm = Math.Sqrt(SumOfSquares(g));
        Assert.True(Math.Abs(clippedNorm - 1) < 1e-5, $"norm after clipping {clippedNorm}");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_norm_is_returned_and_the_gradient_left_unchanged(double bad)
    {
        double[] g = [1, bad, 2];
        double norm = Gradients.ClipByNorm<double>(g, 1.0);
        Assert.True(double.IsNaN(bad) ? double.IsNaN(norm) : double.IsPositiveInfinity(norm), $"norm {norm}");
        Assert.Equal([1, bad, 2], g);
    }

    [Fact]
    public void A_float_norm_beyond_floats_range_is_infinite_and_nothing_is_scaled()
    {
        float[] g = [3e38f, 3e38f];
        Assert.Equal(float.PositiveInfinity, Gradients.ClipByNorm<float>(g, 1f));
        Assert.Equal([3e38f, 3e38f], g);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Max_norm_must_be_finite_and_positive(double maxNorm)
    {
        double[] g = [3, 4];
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => Gradients.ClipByNorm<double>(g, maxNorm)).ParamName);
        Assert.Equal([3.0, 4.0], g);
    }

    [Fact]
    public void An_empty_gradient_has_norm_0()
    {
        Assert.Equal(0.0, Gradients.ClipByNorm<double>([], 1.0));
    }

    private static double SumOfSquares(float[] values)
    {
        double sum = 0;
        foreach (float x in values) sum += (double)x * x;
        return sum;
    }
}
