using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace NetGen.Tests.Performance;

/// <summary>
/// What the JIT counts in a method before it decides whether to optimise it, read from the method's IL the way the JIT's
/// first pass over the IL (fgFindJumpTargets / fgMakeBasicBlocks in src/coreclr/jit/fgbasic.cpp) reads it.
/// </summary>
/// <param name="Method">Type and method name, for messages.</param>
/// <param name="IlBytes">info.compILCodeSize: the length of the IL.</param>
/// <param name="Instructions">opts.instrCount: one per IL instruction (a prefix such as <c>constrained.</c> counts with its instruction).</param>
/// <param name="BasicBlocks">fgBBcount, approximately: the number of block leaders (offset 0, every branch target, every
/// instruction after a branch, return, throw or leave, every exception-region boundary).</param>
/// <param name="Variables">lvaCount before the JIT adds temps: the arguments (with <c>this</c>) plus the IL locals.</param>
/// <param name="VariableReferences">opts.lvRefCount: ldarg/ldarga/starg/ldloc/ldloca/stloc in any of their forms.</param>
public sealed record IlStatistics(string Method, int IlBytes, int Instructions, int BasicBlocks, int Variables, int VariableReferences)
{
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public override string ToString() =>
        $"{Method}: IL {IlBytes} bytes, {Instructions} instructions, ~{BasicBlocks} basic blocks, {Variables} locals and arguments, {VariableReferences} local/argument references";

    /// <summary>The statistics of <paramref name="method"/>, which must have an IL body.</summary>
    public static IlStatistics Of(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        MethodBody body = method.GetMethodBody() ?? throw new ArgumentException($"{method.DeclaringType}.{method.Name} has no IL body.", nameof(method));
        byte[] il = body.GetILAsByteArray() ?? [];
        var leaders = new HashSet<int> { 0 };
        foreach (ExceptionHandlingClause clause in body.ExceptionHandlingClauses)
        {
            leaders.Add(clause.TryOffset);
            leaders.Add(clause.TryOffset + clause.TryLength);
            leaders.Add(clause.HandlerOffset);
            leaders.Add(clause.HandlerOffset + clause.HandlerLength);
            if (clause.Flags == ExceptionHandlingClauseOptions.Filter) leaders.Add(clause.FilterOffset);
        }

        int instructions = 0, references = 0;
        for (int offset = 0; offset < il.Length;)
        {
            short value = il[offset] == 0xFE ? (short)(0xFE00 | il[offset + 1]) : il[offset];
            OpCode opCode = s_opCodes[value];
            int operandAt = offset + opCode.Size;
            int next = operandAt + OperandSize(opCode.OperandType, il, operandAt);
            if (opCode.OpCodeType != OpCodeType.Prefix) instructions++;
            if (IsVariableReference(value)) references++;

            switch (opCode.OperandType)
            {
                case OperandType.ShortInlineBrTarget:
                    leaders.Add(next + (sbyte)il[operandAt]);
                    break;
                case OperandType.InlineBrTarget:
                    leaders.Add(next + BitConverter.ToInt32(il, operandAt));
                    break;
                case OperandType.InlineSwitch:
                    int count = BitConverter.ToInt32(il, operandAt);
                    for (int i = 0; i < count; i++) leaders.Add(next + BitConverter.ToInt32(il, operandAt + 4 + 4 * i));
                    break;
            }
            if (opCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw)
                leaders.Add(next);
            offset = next;
        }

        int arguments = method.GetParameters().Length + (method.IsStatic ? 0 : 1);
        return new IlStatistics(
            $"{method.DeclaringType?.Name}.{method.Name}",
            il.Length,
            instructions,
            leaders.Count(l => l < il.Length),
            arguments + body.LocalVariables.Count,
            references);
    }

    /// <summary>The methods, constructors and accessors declared by <paramref name="type"/> and its nested types
    /// (lambdas' closures, for instance) that have IL.</summary>
    public static IEnumerable<MethodBase> MethodsOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<MethodBase> own = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
        return own.Where(m => m.GetMethodBody() is not null)
            .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(MethodsOf));
    }

    // The JIT's test: (opcode >= CEE_LDARG_0 && opcode <= CEE_STLOC_S) || (opcode >= CEE_LDARG && opcode <= CEE_STLOC),
    // that is 0x02..0x13 (ldarg.0 ... stloc.s) and 0xFE09..0xFE0E (ldarg, ldarga, starg, ldloc, ldloca, stloc).
    private static bool IsVariableReference(short value) =>
        value is >= 0x02 and <= 0x13 || (ushort)value is >= 0xFE09 and <= 0xFE0E;

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
