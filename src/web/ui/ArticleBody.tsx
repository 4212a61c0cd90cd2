// A reference article's body: HTML the server rendered from Markdown and sanitised (modules/faq/markdown.ts), shown
// as it is. The booth makes its links inert first (kiosk/articles.ts); the public site keeps them.
export function ArticleBody({ html, testId }: { html: string; testId?: string }) {
  return (
    <article
      className="reference-article"
      data-testid={testId}
      // Sanitised on the server by an allowlist: no scripts, styles, images or event handlers survive.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
