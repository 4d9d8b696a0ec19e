using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen;

/// <summary>A <see cref="Vector128{T}"/> as an <see cref="ISimdLane{TSelf, T}"/>.</summary>
internal readonly struct Lane128<T> : ISimdLane<Lane128<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector128<T> _value;

    private Lane128(Vector128<T> value) => _value = value;

    /// <summary>Whether the processor runs <see cref="Vector128{T}"/> natively.</summary>
    public static bool IsAccelerated => Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported;

    public static int Count => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> Create(T value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> Load(ref T source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination, nuint index) => _value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> Sqrt(Lane128<T> x) => new(Vector128.Sqrt(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> Max(Lane128<T> x, Lane128<T> y) => new(Vector128.Max(x._value, y._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> operator +(Lane128<T> x, Lane128<T> y) => new(x._value + y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> operator -(Lane128<T> x, Lane128<T> y) => new(x._value - y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> operator *(Lane128<T> x, Lane128<T> y) => new(x._value * y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128<T> operator /(Lane128<T> x, Lane128<T> y) => new(x._value / y._value);
}
