using System.Linq.Dynamic.Core.CustomTypeProviders;
using System.Reflection;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// A type provider that registers no custom types, no extension methods and resolves no type names, so the parser only knows
/// its predefined types and nothing of the input types' methods is auto-registered.
/// </summary>
internal sealed class EmptyTypeProvider : IDynamicLinqCustomTypeProvider
{
    public HashSet<Type> GetCustomTypes() => [];

    public Dictionary<Type, List<MethodInfo>> GetExtensionMethods() => [];

    public Type? ResolveType(string typeName) => null;

    public Type? ResolveTypeBySimpleName(string simpleTypeName) => null;
}
