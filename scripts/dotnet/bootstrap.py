"""Compiles Csc.cs into Csc.dll once, by driving Roslyn from Python.

Usage: python3 bootstrap.py DOTNET_ROOT ROSLYN_DIR OUT_DIR  (PYTHONPATH holds pythonnet)

There is no C# compiler executable to compile our compiler driver with, so
pythonnet loads the .NET runtime in process and makes the same Roslyn calls
Csc.cs makes. Afterwards `dotnet OUT_DIR/Csc.dll` is the compiler.
"""

import json
import pathlib
import shutil
import sys


def main() -> int:
    dotnet_root, roslyn, out = (pathlib.Path(arg).resolve() for arg in sys.argv[1:4])
    out.mkdir(parents=True, exist_ok=True)
    framework = next((dotnet_root / "shared" / "Microsoft.NETCore.App").iterdir())
    config = out / "bootstrap.runtimeconfig.json"
    config.write_text(json.dumps({"runtimeOptions": {"tfm": "net8.0", "framework": {
        "name": "Microsoft.NETCore.App", "version": framework.name}}}))

    from clr_loader import get_coreclr
    from pythonnet import set_runtime

    set_runtime(get_coreclr(runtime_config=str(config), dotnet_root=str(dotnet_root)))
    import clr  # noqa: E402  (only importable once the runtime is set)

    for name in ("Microsoft.CodeAnalysis.dll", "Microsoft.CodeAnalysis.CSharp.dll"):
        shutil.copy2(roslyn / name, out / name)
        clr.AddReference(str(out / name))

    from System.Collections.Generic import List  # type: ignore
    from System.IO import File, FileStream, FileMode  # type: ignore
    from System.Text import Encoding  # type: ignore
    from Microsoft.CodeAnalysis import (  # type: ignore
        DocumentationMode, MetadataReference, NullableContextOptions, OutputKind, SyntaxTree)
    from Microsoft.CodeAnalysis.CSharp import (  # type: ignore
        CSharpCompilation, CSharpCompilationOptions, CSharpParseOptions, CSharpSyntaxTree,
        LanguageVersion)

    source = pathlib.Path(__file__).with_name("Csc.cs")
    parse = CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Parse)
    tree = CSharpSyntaxTree.ParseText(File.ReadAllText(str(source)), parse, str(source), Encoding.UTF8)
    trees = List[SyntaxTree]()
    trees.Add(tree)
    references = List[MetadataReference]()
    for path in sorted(framework.glob("*.dll")) + [out / "Microsoft.CodeAnalysis.dll",
                                                    out / "Microsoft.CodeAnalysis.CSharp.dll"]:
        if is_managed(path):
            references.Add(MetadataReference.CreateFromFile(str(path)))
    options = CSharpCompilationOptions(OutputKind.ConsoleApplication).WithNullableContextOptions(
        NullableContextOptions.Enable)
    compilation = CSharpCompilation.Create("Csc", trees, references, options)
    target = out / "Csc.dll"
    stream = FileStream(str(target), FileMode.Create)
    try:
        result = compilation.Emit(stream)
    finally:
        stream.Dispose()
    for diagnostic in result.Diagnostics:
        # CS1701: Roslyn was built against 7.0 assemblies and runs on 8.0, as intended.
        if diagnostic.Id != "CS1701":
            print(diagnostic.ToString(), file=sys.stderr)
    if not result.Success:
        target.unlink()
        return 1
    (out / "Csc.runtimeconfig.json").write_text(json.dumps({"runtimeOptions": {"tfm": "net8.0", "framework": {
        "name": "Microsoft.NETCore.App", "version": "8.0.0"}}}))
    config.unlink()
    return 0


def is_managed(path: pathlib.Path) -> bool:
    """A .NET assembly has a CLI header; the runtime folder also holds native libraries."""
    data = path.read_bytes()[:4096]
    if data[:2] != b"MZ":
        return False
    pe = int.from_bytes(data[0x3C:0x40], "little")
    magic = int.from_bytes(data[pe + 24:pe + 26], "little")
    directories = pe + 24 + (96 if magic == 0x10B else 112)
    cli_header = directories + 14 * 8
    return int.from_bytes(data[cli_header:cli_header + 4], "little") != 0


if __name__ == "__main__":
    sys.exit(main())
