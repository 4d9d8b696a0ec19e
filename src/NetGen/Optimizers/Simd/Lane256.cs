using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen;

/// <summary>A <see cref="Vector256{T}"/> as an <see cref="ISimdLane{TSelf, T}"/>.</summary>
internal readonly struct Lane256<T> : ISimdLane<Lane256<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector256<T> _value;

    private Lane256(Vector256<T> value) => _value = value;

    /// <summary>Whether the processor runs <see cref="Vector256{T}"/> natively.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> Create(T value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> Load(ref T source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination, nuint index) => _value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> Sqrt(Lane256<T> x) => new(Vector256.Sqrt(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> Max(Lane256<T> x, Lane256<T> y) => new(Vector256.Max(x._value, y._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> operator +(Lane256<T> x, Lane256<T> y) => new(x._value + y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> operator -(Lane256<T> x, Lane256<T> y) => new(x._value - y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> operator *(Lane256<T> x, Lane256<T> y) => new(x._value * y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> operator /(Lane256<T> x, Lane256<T> y) => new(x._value / y._value);
}
