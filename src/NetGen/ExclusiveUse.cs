using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace NetGen;

/// <summary>
/// Detects two threads changing one network's parameters at once. The members that change them (Step, TrainBatch,
/// InitializeParameters) enter before they write and exit after; a second caller while one is inside gets an
/// <see cref="InvalidOperationException"/> instead of parameters silently corrupted by interleaved updates — as
/// <c>Dictionary</c> reports concurrent modification. One interlocked exchange per call.
/// </summary>
/// <remarks>Thread safety: the methods are themselves safe to call from any thread; that is their purpose.</remarks>
public static class ExclusiveUse
{
    /// <summary>Marks <paramref name="state"/> busy, or throws if it already is.</summary>
    /// <param name="state">The network's flag: 0 when free, 1 while a member that changes the parameters runs.</param>
    /// <param name="member">The member entering, for the message.</param>
    /// <exception cref="InvalidOperationException">Another thread is inside a member that changes the same parameters.</exception>
    public static void Enter(ref int state, string member)
    {
        if (Interlocked.Exchange(ref state, 1) != 0) ThrowBusy(member);
    }

    /// <summary>Marks <paramref name="state"/> free again; call it in a finally block after a successful <see cref="Enter"/>.</summary>
    public static void Exit(ref int state) => Volatile.Write(ref state, 0);

    [DoesNotReturn]
    private static void ThrowBusy(string member) =>
        throw new InvalidOperationException(
            $"{member} was called while another thread was changing this network's parameters (Step, TrainBatch or InitializeParameters). " +
            "A network instance is not safe for concurrent training: train it from one thread, or give each thread its own instance.");
}
