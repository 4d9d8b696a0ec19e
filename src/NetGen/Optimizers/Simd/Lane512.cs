using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen;

/// <summary>A <see cref="Vector512{T}"/> as an <see cref="ISimdLane{TSelf, T}"/>.</summary>
internal readonly struct Lane512<T> : ISimdLane<Lane512<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector512<T> _value;

    private Lane512(Vector512<T> value) => _value = value;

    /// <summary>Whether the processor runs <see cref="Vector512{T}"/> natively.</summary>
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported;

    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> Create(T value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> Load(ref T source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination, nuint index) => _value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> Sqrt(Lane512<T> x) => new(Vector512.Sqrt(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> Max(Lane512<T> x, Lane512<T> y) => new(Vector512.Max(x._value, y._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> operator +(Lane512<T> x, Lane512<T> y) => new(x._value + y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> operator -(Lane512<T> x, Lane512<T> y) => new(x._value - y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> operator *(Lane512<T> x, Lane512<T> y) => new(x._value * y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> operator /(Lane512<T> x, Lane512<T> y) => new(x._value / y._value);
}
