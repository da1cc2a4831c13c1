export function App() {
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="site-header">
        <p className="brand">Vigie</p>
      </header>
      <main id="contenu" tabIndex={-1}>
        <h1>Vigie</h1>
      </main>
      <footer className="site-footer">
        <a href="/accessibilite">Accessibilité</a>
      </footer>
    </>
  );
}
