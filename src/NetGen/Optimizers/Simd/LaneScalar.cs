using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>One value as an <see cref="ISimdLane{TSelf, T}"/>: the tail of every update loop, and its reference form.</summary>
internal readonly struct LaneScalar<T> : ISimdLane<LaneScalar<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _value;

    private LaneScalar(T value) => _value = value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> Create(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> Load(ref T source, nuint index) => new(Unsafe.Add(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination, nuint index) => Unsafe.Add(ref destination, index) = _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> Sqrt(LaneScalar<T> x) => new(T.Sqrt(x._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> Max(LaneScalar<T> x, LaneScalar<T> y) => new(T.Max(x._value, y._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> operator +(LaneScalar<T> x, LaneScalar<T> y) => new(x._value + y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> operator -(LaneScalar<T> x, LaneScalar<T> y) => new(x._value - y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> operator *(LaneScalar<T> x, LaneScalar<T> y) => new(x._value * y._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneScalar<T> operator /(LaneScalar<T> x, LaneScalar<T> y) => new(x._value / y._value);
}
