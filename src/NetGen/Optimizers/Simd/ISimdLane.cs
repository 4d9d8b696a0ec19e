using System.Numerics;

namespace NetGen;

/// <summary>
/// A block of <see cref="Count"/> values of <typeparamref name="T"/> processed together: a 512-, 256- or 128-bit
/// vector, or one scalar. The optimizers write each update loop once, generic over the lane, and run it with the
/// widest lane the processor accelerates, then with <see cref="LaneScalar{T}"/> for the tail; the JIT compiles one
/// specialised loop per lane type.
/// </summary>
/// <remarks>
/// Only correctly rounded IEEE operations (+, −, ·, /, √, max) are offered, element by element, and no fused
/// multiply-add: every width computes bit for bit what the scalar loop computes, so an update does not depend on the
/// processor's vector width.
/// </remarks>
internal interface ISimdLane<TSelf, T>
    where TSelf : struct, ISimdLane<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of values in one lane block.</summary>
    static abstract int Count { get; }

    /// <summary>Every element equal to <paramref name="value"/>.</summary>
    static abstract TSelf Create(T value);

    /// <summary>Reads <see cref="Count"/> values from <paramref name="source"/> at <paramref name="index"/>.</summary>
    static abstract TSelf Load(ref T source, nuint index);

    /// <summary>Writes the <see cref="Count"/> values to <paramref name="destination"/> at <paramref name="index"/>.</summary>
    void Store(ref T destination, nuint index);

    /// <summary>√x, element by element.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>max(x, y), element by element (NaN if either is NaN).</summary>
    static abstract TSelf Max(TSelf x, TSelf y);

    /// <summary>x + y, element by element.</summary>
    static abstract TSelf operator +(TSelf x, TSelf y);

    /// <summary>x − y, element by element.</summary>
    static abstract TSelf operator -(TSelf x, TSelf y);

    /// <summary>x·y, element by element.</summary>
    static abstract TSelf operator *(TSelf x, TSelf y);

    /// <summary>x / y, element by element.</summary>
    static abstract TSelf operator /(TSelf x, TSelf y);
}
