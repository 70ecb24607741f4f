export function App() {
  return (
    <main className="placeholder">
      <h1>Warren</h1>
      <p>A RabbitMQ broker and topology designer that runs entirely in your browser.</p>
      <p>The broker engine is here; the designer is on its way.</p>
    </main>
  )
}
