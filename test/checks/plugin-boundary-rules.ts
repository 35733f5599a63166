import ts from 'typescript';

/** A place a file decides by a type's name, or reaches into a plugin. */
export interface Finding {
  readonly line: number;
  readonly text: string;
  readonly why: string;
}

/** A plugin package: its name and the subpaths of its `exports` map (`.`, `./elements` …). */
export interface PluginPackage {
  readonly name: string;
  readonly exports: readonly string[];
}

const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)
    ? unwrap(node.expression)
    : node;

/**
 * Whether an expression reads a type's name: `x.type`, `x?.type`, `x['type']` or a variable
 * named `type` — also as a branch of `??` or `||` (`(computed ?? field?.type)`).
 */
function namesType(node: ts.Expression): boolean {
  const inner = unwrap(node);
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text === 'type';
  if (ts.isElementAccessExpression(inner)) {
    return ts.isStringLiteral(inner.argumentExpression) && inner.argumentExpression.text === 'type';
  }
  if (ts.isIdentifier(inner)) return inner.text === 'type';
  if (ts.isBinaryExpression(inner)) {
    const op = inner.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      return namesType(inner.left) || namesType(inner.right);
    }
  }
  return false;
}

const literal = (node: ts.Expression): string | undefined => {
  const inner = unwrap(node);
  return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)
    ? inner.text
    : undefined;
};

/**
 * The rule: no comparison of a field, node or view type with the literal name of one
 * (`field.type === 'link'`, `case 'chart':` under `switch (view.type)`, `['link', …].includes(
 * column.type)`); only registered type names count, so `command.kind === 'start'` or
 * `celType === 'list'` pass. And no import of a plugin package but through its `exports`, nor
 * of a file inside a plugin folder.
 */
export function findBoundaryCrossings(
  fileName: string,
  source: string,
  typeNames: ReadonlySet<string>,
  plugins: readonly PluginPackage[],
): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  // a list of names may be a constant of the file (`const NUMERIC_TYPES = new Set([…])`)
  const constants = new Map<string, ts.Expression>();
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      constants.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(file);
  const report = (node: ts.Node, why: string) =>
    found.push({
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      text: node.getText(file).slice(0, 120),
      why,
    });
  const isTypeName = (node: ts.Expression) => {
    const text = literal(node);
    return text !== undefined && typeNames.has(text);
  };
  const checkImport = (node: ts.Node, specifier: string) => {
    const plugin = /^(@tessera\/plugin-[^/]+)(\/.*)?$/.exec(specifier);
    if (plugin) {
      const known = plugins.find((one) => one.name === plugin[1]);
      const subpath = `.${plugin[2] ?? ''}`;
      if (!known?.exports.includes(subpath)) {
        report(node, `imports "${specifier}", which is not in the exports of ${plugin[1]}`);
      }
    } else if (specifier.startsWith('.') && /(^|\/)plugins\//.test(specifier)) {
      report(node, `imports "${specifier}" from inside a plugin folder`);
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind)) {
      const { left, right } = node;
      if ((isTypeName(left) && namesType(right)) || (isTypeName(right) && namesType(left))) {
        report(node, 'compares a type with its name; ask the registry for a hook or capability');
      }
    } else if (ts.isCaseClause(node) && isTypeName(node.expression)) {
      const owner = node.parent.parent;
      if (ts.isSwitchStatement(owner) && namesType(owner.expression)) {
        report(node.expression, 'switches on a type name; ask the registry instead');
      }
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['includes', 'has', 'indexOf'].includes(node.expression.name.text) &&
      node.arguments[0] !== undefined &&
      namesType(node.arguments[0]) &&
      listsTypeNames(node.expression.expression, isTypeName, constants)
    ) {
      report(node, 'looks a type up in a list of type names; ask the registry instead');
    } else if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      checkImport(node, node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      checkImport(node, node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `['link', 'sub-table']` or `new Set(['link', …])` written in place. */
function listsTypeNames(
  node: ts.Expression,
  isTypeName: (node: ts.Expression) => boolean,
  constants: ReadonlyMap<string, ts.Expression>,
) {
  const named = unwrap(node);
  const inner = ts.isIdentifier(named) ? unwrap(constants.get(named.text) ?? named) : named;
  const array =
    ts.isNewExpression(inner) && inner.arguments?.[0] ? unwrap(inner.arguments[0]) : inner;
  return ts.isArrayLiteralExpression(array) && array.elements.some((one) => isTypeName(one));
}
