using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>
/// The activations and their derivatives on <see cref="Vector{T}"/>, one example per lane: the lane form of the code
/// that generated <c>TrainBatch</c> runs, several examples at once, with the same formulas as the scalar form.
/// </summary>
/// <remarks>
/// A deliberate copy, like <see cref="Activations"/>: what generated code calls, in lane form; the runtime's description
/// of each activation is NetGen.Calculus.ActivationFunction. The leaky slope is an argument, so a layer with another
/// <see cref="LayerSpec.Slope"/> passes its own.
/// <para>Thread safety: pure static functions on values; any number of threads may call them at once.</para>
/// </remarks>
public static class VectorMath
{
    /// <summary>σ(z) = 1 / (1 + e^−z), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> z) => Vector<float>.One / (Vector<float>.One + Vector.Exp(-z));

    /// <summary>σ(z) = 1 / (1 + e^−z), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sigmoid(Vector<double> z) => Vector<double>.One / (Vector<double>.One + Vector.Exp(-z));

    /// <summary>tanh z = 1 − 2 / (e^2z + 1), lane by lane (exact at ±∞: the exponential saturates to 0 or ∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> z) => Vector<float>.One - new Vector<float>(2f) / (Vector.Exp(z + z) + Vector<float>.One);

    /// <summary>tanh z = 1 − 2 / (e^2z + 1), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> z) => Vector<double>.One - new Vector<double>(2.0) / (Vector.Exp(z + z) + Vector<double>.One);

    /// <summary>max(0, z), lane by lane; a NaN stays NaN (as in the scalar form and in PyTorch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ReLU(Vector<float> z) => Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), Vector<float>.Zero, z);

    /// <summary>max(0, z), lane by lane; a NaN stays NaN (as in the scalar form and in PyTorch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> ReLU(Vector<double> z) => Vector.ConditionalSelect(Vector.LessThan(z, Vector<double>.Zero), Vector<double>.Zero, z);

    /// <summary>1 where z &gt; 0, else 0: the derivative of ReLU, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ReLUDerivative(Vector<float> z) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);

    /// <summary>1 where z &gt; 0, else 0: the derivative of ReLU, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> ReLUDerivative(Vector<double> z) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);

    /// <summary>z where z ≥ 0 (or NaN), else slope·z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LeakyReLU(Vector<float> z, float slope) => Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), z * slope, z);

    /// <summary>z where z ≥ 0 (or NaN), else slope·z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> LeakyReLU(Vector<double> z, double slope) => Vector.ConditionalSelect(Vector.LessThan(z, Vector<double>.Zero), z * slope, z);

    /// <summary>1 where z &gt; 0, else slope: the derivative of leaky ReLU, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LeakyReLUDerivative(Vector<float> z, float slope) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), Vector<float>.One, new Vector<float>(slope));

    /// <summary>1 where z &gt; 0, else slope: the derivative of leaky ReLU, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> LeakyReLUDerivative(Vector<double> z, double slope) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<double>.Zero), Vector<double>.One, new Vector<double>(slope));

    /// <summary>ln(1 + e^z) = max(z, 0) + ln(1 + e^−|z|), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Softplus(Vector<float> z) => Vector.Max(z, Vector<float>.Zero) + Vector.Log(Vector<float>.One + Vector.Exp(-Vector.Abs(z)));

    /// <summary>ln(1 + e^z) = max(z, 0) + ln(1 + e^−|z|), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Softplus(Vector<double> z) => Vector.Max(z, Vector<double>.Zero) + Vector.Log(Vector<double>.One + Vector.Exp(-Vector.Abs(z)));

    /// <summary>e^z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> z) => Vector.Exp(z);

    /// <summary>e^z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> z) => Vector.Exp(z);

    /// <summary>ln z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> z) => Vector.Log(z);

    /// <summary>ln z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> z) => Vector.Log(z);
}
